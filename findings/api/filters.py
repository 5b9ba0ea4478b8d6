"""The findings endpoint's filters: the public site's facets, plus what harvesters need."""

import datetime as dt

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from consortia.api.filters import SEARCH_MAX_LENGTH, StrictFilterSet

from ..enums import FindingStatus, ThemeKind
from ..filters import CountryFilter
from ..models import Finding, Theme
from ..search import search_findings


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 17})
class SDGNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 9999})
class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    def filter(self, qs, value):
        if value is None:
            return qs
        try:
            value.astimezone(dt.UTC)
        except OverflowError:
            # A bound past year 9999 or before year 1 in UTC: after or before everything.
            return qs.none() if value.year > 1 else qs
        return super().filter(qs, value)


class FindingApiFilter(StrictFilterSet):
    """The findings endpoint's filters (the public page's: ``findings.filters``)."""

    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label=(
            'The site\'s search: every word or "quoted phrase" in the title, summary or body; '
            "best matches first unless `ordering` is given."
        ),
    )
    theme = django_filters.CharFilter(
        field_name="themes__slug", distinct=True, label="On this theme (slug)."
    )
    sdg = SDGNumberFilter(field_name="sdgs", label="Linked to this SDG (number).", min_value=1,
                          max_value=17)  # fmt: skip
    consortium = django_filters.CharFilter(
        field_name="consortium__slug", label="From this consortium (slug)."
    )
    country = CountryFilter(label="Draws on this country (ISO 3166-1 alpha-2 code).")
    year = YearFilter(
        field_name="published_at",
        lookup_expr="year",
        min_value=1900,
        max_value=9999,
        label="Published in this year.",
    )
    status = django_filters.ChoiceFilter(
        choices=FindingStatus.choices,
        label=(
            "In this state. Anyone sees published and withdrawn findings; members also see "
            "their consortia's findings in every state, curators all. Without it, the list "
            "leaves out withdrawn findings."
        ),
    )
    updated_since = UpdatedSinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after this moment (ISO 8601), for harvesters.",
    )
    ordering = django_filters.OrderingFilter(
        fields=["published_at", "updated_at", "title"],
        label="Sort by these fields; a leading minus reverses.",
    )

    class Meta:
        model = Finding
        fields = []

    def filter_search(self, queryset, name, value):
        return search_findings(queryset, value)


class ThemeFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=ThemeKind.choices)
    ordering = django_filters.OrderingFilter(fields=["name", "position"])

    class Meta:
        model = Theme
        fields = []
