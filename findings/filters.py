"""The public findings list's filters: one value per facet, facets combined with AND."""

import django_filters
from django import forms
from django_countries import countries
from django_filters.constants import EMPTY_VALUES

from consortia.models import Consortium

from .models import SDG, Theme
from .search import search_findings

SORT_RELEVANCE = "relevance"
SORT_CHOICES = [
    (SORT_RELEVANCE, "Best match"),  # without a search: newest first
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("title", "Title A–Z"),
]
SORT_ORDERINGS = {
    "newest": ["-published_at", "title"],
    "oldest": ["published_at", "title"],
    "title": ["title"],
}


class CountryFilter(django_filters.ChoiceFilter):
    """Findings drawing on one country: the site's facet and the API's ``country`` filter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", countries)
        kwargs.setdefault("field_name", "countries")
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.drawing_on(value)


class FindingListFilter(django_filters.FilterSet):
    """The public findings page's facets, search and sort (the API's: ``FindingApiFilter``)."""

    q = django_filters.CharFilter(
        method="filter_search",
        label="Search findings",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    sdg = django_filters.ModelChoiceFilter(
        field_name="sdgs", queryset=SDG.objects.all(), label="SDG"
    )
    consortium = django_filters.ModelChoiceFilter(
        field_name="consortium", to_field_name="slug", queryset=Consortium.objects.all()
    )
    country = CountryFilter()
    year = django_filters.NumberFilter(
        field_name="published_at", lookup_expr="year", min_value=1900, max_value=9999
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label="Sort by", empty_label=None
    )

    def filter_search(self, queryset, name, value):
        return search_findings(queryset, value)

    def filter_sort(self, queryset, name, value):
        # Best match is search_findings' own order; without a search the model's newest-first.
        if value == SORT_RELEVANCE:
            return queryset
        return queryset.order_by(*SORT_ORDERINGS.get(value, SORT_ORDERINGS["newest"]))
