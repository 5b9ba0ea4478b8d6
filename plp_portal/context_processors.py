from django.conf import settings
from django.urls import reverse

from .languages import alternates, unprefixed_path


def site(request):
    """The site's name, for the base template's title and header; the page's address in each
    language (the language switcher and the alternates in the head), and its address without
    a language (x-default, and the section the main navigation marks as current); the contact
    address, for the footer; the home page in the page's language, which any app's template links
    to without naming the app that serves it (the apps depend one way)."""
    full_path = request.get_full_path()
    return {
        "site_name": settings.SITE_NAME,
        "home_url": reverse("events:home"),
        "contact_email": settings.PLP_CONTACT_EMAIL,
        "export_max_rows": settings.PLP_EXPORT_MAX_ROWS,
        "page_path": unprefixed_path(request.path),
        "page_alternates": alternates(full_path),
        "page_default_url": unprefixed_path(full_path),
    }
