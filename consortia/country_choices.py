"""Country choices for filters and fields that are built on every request.

Iterating django_countries' ``countries`` translates all 249 names each time, and a form
field or filter set built per request does that again and again: a millisecond or more per
request on the findings list and API. These list them once per language.
"""

import copy

from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django_countries import countries
from rest_framework import serializers

_listed: dict[str | None, list[tuple[str, str]]] = {}


class CountryChoices(BaseChoiceIterator):
    """``countries``' (code, name) pairs in the active language. A choice iterator, so a form
    field keeps it as it is instead of copying the list; callable like ``countries`` itself,
    so the OpenAPI schema describes the filter as before (no enum of 249 codes)."""

    def __call__(self):
        return list(self)

    def __iter__(self):
        language = get_language()
        pairs = _listed.get(language)
        if pairs is None:
            pairs = _listed[language] = [(code, str(name)) for code, name in countries]
        return iter(pairs)


class CountryCodeChoiceField(serializers.ChoiceField):
    """A ChoiceField of country codes whose copies (one per serializer per request) share
    the choices instead of building them again."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", list(countries))
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        return copy.copy(self)
