"""Filters for the consortia, organisations and people endpoints."""

import django_filters
from django.db.models import Q

from ..country_choices import CountryChoices
from ..enums import OrganisationKind
from ..models import Consortium, Organisation, Person

SEARCH_MAX_LENGTH = 200


class SearchFilter(django_filters.CharFilter):
    """Every word must appear in one of `fields` (case-insensitive)."""

    def __init__(self, *, fields: list[str], **kwargs):
        self.search_fields = fields
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("label", "Words that must all appear (in " + ", ".join(fields) + ").")
        super().__init__(**kwargs)

    def filter(self, qs, value):
        for word in (value or "").split():
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            qs = qs.filter(condition)
        return qs


class StrictFilterSet(django_filters.FilterSet):
    """An empty value for a typed filter (`?sdg=`, `?country=`) is an error, not "no filter":
    only free-text and slug filters (strings) and `ordering` (a list) may be empty."""

    LENIENT = (django_filters.OrderingFilter,)

    def is_valid(self):
        valid = super().is_valid()
        for name, filter_ in self.filters.items():
            typed = type(filter_) is not django_filters.CharFilter and not isinstance(
                filter_, (SearchFilter, *self.LENIENT)
            )
            if typed and name in self.data and self.data.get(name) == "":
                self.form.add_error(name, "Give a value, or leave this parameter out.")
                valid = False
            # `?ordering=,,` is a list of empty names, none of them an order: refused, as an
            # unknown name is (an empty `?ordering=` is no order at all, and allowed).
            raw = self.data.get(name) if isinstance(filter_, django_filters.OrderingFilter) else ""
            if raw and "" in [term.strip() for term in raw.split(",")]:
                self.form.add_error(name, "Name each order once, separated by commas.")
                valid = False
        return valid


class ConsortiumFilter(StrictFilterSet):
    search = SearchFilter(fields=["short_name", "title", "topic"])
    country = django_filters.ChoiceFilter(
        choices=CountryChoices(),
        field_name="organisations__country",
        distinct=True,
        label="Has a member organisation in this country (ISO 3166-1 alpha-2 code).",
    )
    organisation = django_filters.CharFilter(
        field_name="organisations__slug", distinct=True, label="Has this organisation (slug)."
    )
    ordering = django_filters.OrderingFilter(fields=["short_name", "start_date"])

    class Meta:
        model = Consortium
        fields = []


class OrganisationFilter(StrictFilterSet):
    search = SearchFilter(fields=["name", "acronym"])
    country = django_filters.ChoiceFilter(
        choices=CountryChoices(), label="Based in this country (ISO 3166-1 alpha-2 code)."
    )
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    consortium = django_filters.CharFilter(
        field_name="consortia__slug", distinct=True, label="Member of this consortium (slug)."
    )
    ordering = django_filters.OrderingFilter(fields=["name", "country"])

    class Meta:
        model = Organisation
        fields = []


class PersonFilter(StrictFilterSet):
    search = SearchFilter(fields=["given_name", "family_name", "position"])
    organisation = django_filters.CharFilter(
        field_name="affiliation__slug", label="Affiliated with this organisation (slug)."
    )
    ordering = django_filters.OrderingFilter(fields=["family_name", "given_name"])

    class Meta:
        model = Person
        fields = []
