"""How the API's addresses name objects: the same slugs the site's ``<slug:…>`` pages accept."""

from django.urls.converters import SlugConverter

#: The routers' lookup pattern for slugs (``lookup_value_regex``) of every app's viewsets.
SLUG_PATTERN = SlugConverter.regex
