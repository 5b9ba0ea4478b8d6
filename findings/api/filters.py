"""The findings endpoint's filters: the public site's facets, plus what harvesters need."""

import datetime as dt
import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from consortia.api.filters import SEARCH_MAX_LENGTH, StrictFilterSet
from consortia.country_choices import CountryChoices
from consortia.models import Consortium
from plp_portal.api_lookups import SLUG_PATTERN

from ..enums import ClaimKind, EvidenceKind, FindingStatus, GovernmentLevelCode, ThemeKind
from ..filters import (
    YEAR_MAX,
    YEAR_MIN,
    ChoicesFilter,
    CountryFilter,
    FacetFilterSet,
    ModelChoicesFilter,
    YearsFilter,
    facet_applied_together,
)
from ..models import SDG, Finding, PolicyLever, SDGTarget, Theme
from ..search import search_findings

SLUG = re.compile(SLUG_PATTERN)
#: A facet key no finding has: the selection of slugs that name nothing.
NOTHING = "0"


@extend_schema_field({"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX})
class YearFilter(django_filters.NumberFilter):
    """One year (the events endpoint's)."""

    field_class = forms.IntegerField


class SlugsField(forms.MultipleChoiceField):
    """Any slugs: an unknown one matches nothing (harvesters may ask for a theme to come)."""

    def valid_value(self, value):
        return bool(SLUG.fullmatch(str(value)))

    def clean(self, value):
        return super().clean([slug for slug in value or () if slug])


@extend_schema_field({"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}})
class SlugsFilter(django_filters.MultipleChoiceFilter):
    field_class = SlugsField


@extend_schema_field({"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 17}})
class SDGNumbersFilter(ModelChoicesFilter):
    pass


@extend_schema_field(
    {"type": "array", "items": {"type": "string", "pattern": r"^[0-9]{1,2}\.([0-9]{1,2}|[a-z])$"}}
)
class SDGTargetsFilter(ModelChoicesFilter):
    pass


@extend_schema_field(
    {"type": "array", "items": {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}}
)
class ApiYearsFilter(YearsFilter):
    pass


class OffsetBoundedDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment whose UTC offset is one the world uses (PostgreSQL refuses more)."""

    MAX_OFFSET = dt.timedelta(hours=14)
    default_error_messages = {
        "offset": _("Give a moment in ISO 8601 with a UTC offset between -14:00 and +14:00."),
    }

    def to_python(self, value):
        moment = super().to_python(value)
        offset = moment.utcoffset() if moment is not None else None
        if offset is not None and abs(offset) > self.MAX_OFFSET:
            raise forms.ValidationError(self.error_messages["offset"], code="offset")
        return moment


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = OffsetBoundedDateTimeField

    def filter(self, qs, value):
        if value is None:
            return qs
        try:
            value.astimezone(dt.UTC)
        except OverflowError:
            # A bound past year 9999 or before year 1 in UTC: after or before everything.
            return qs.none() if value.year > 1 else qs
        return super().filter(qs, value)


class FindingApiFilter(FacetFilterSet, StrictFilterSet):
    """The findings endpoint's filters (the public page's: ``findings.filters``): the same
    facets, each taking several values (repeat the parameter: values of one facet combine
    with OR, facets with AND)."""

    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label=(
            'The site\'s search: every word or "quoted phrase" in the title, summary or body; '
            "best matches first unless `ordering` is given."
        ),
    )
    theme = SlugsFilter(
        method=facet_applied_together,
        label="On any of these themes (slugs; an unknown slug matches nothing).",
    )
    sdg = SDGNumbersFilter(
        queryset=SDG.objects.all(),
        method=facet_applied_together,
        label="Linked to any of these SDGs (numbers).",
    )
    consortium = SlugsFilter(
        method=facet_applied_together,
        label="From any of these consortia (slugs; an unknown one matches nothing).",
    )
    country = CountryFilter(
        choices=CountryChoices(),
        method=facet_applied_together,
        label="Draws on any of these countries (ISO 3166-1 alpha-2 codes).",
    )
    year = ApiYearsFilter(method=facet_applied_together, label="Published in any of these years.")
    kind = ChoicesFilter(
        choices=ClaimKind.choices,
        method=facet_applied_together,
        label="Making any of these kinds of claim.",
    )
    lever = SlugsFilter(
        method=facet_applied_together,
        label="Concerning any of these policy levers (slugs; an unknown slug matches nothing).",
    )
    level = ChoicesFilter(
        choices=GovernmentLevelCode.choices,
        method=facet_applied_together,
        label="Addressing any of these levels of government.",
    )
    evidence = ChoicesFilter(
        choices=EvidenceKind.choices,
        method=facet_applied_together,
        label="Resting on any of these kinds of evidence.",
    )
    sdg_target = SDGTargetsFilter(
        queryset=SDGTarget.objects.all(),
        method=facet_applied_together,
        label='Linked to any of these SDG targets (codes such as "12.6" or "1.a").',
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

    LENIENT = (*StrictFilterSet.LENIENT, SlugsFilter)  # `?theme=` means no filter

    def facet_keys(self, facet: str, values: list) -> list[str]:
        """Theme, consortium and lever slugs become ids; slugs naming nothing match nothing."""
        model = {"theme": Theme, "consortium": Consortium, "lever": PolicyLever}.get(facet)
        if model is None:
            return super().facet_keys(facet, values)
        ids = model.objects.filter(slug__in=values).values_list("pk", flat=True)
        return [str(pk) for pk in ids] or [NOTHING]

    def filter_search(self, queryset, name, value):
        return search_findings(queryset, value)


class ThemeFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=ThemeKind.choices)
    ordering = django_filters.OrderingFilter(fields=["name", "position"])

    class Meta:
        model = Theme
        fields = []
