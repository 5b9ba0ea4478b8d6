"""The public findings list's filters: several values per facet (OR), facets combined with AND.

The facet filters themselves only validate; `FacetFilterSet.filter_queryset` hands the
selection to `findings.facets`, the one place that knows what a selection means (the API's
``FindingApiFilter`` shares it).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from consortia.country_choices import CountryChoices
from consortia.models import Consortium

from .enums import ClaimKind, EvidenceKind, GovernmentLevelCode
from .facets import FACETS, filter_findings
from .models import SDG, Finding, PolicyLever, SDGTarget, Theme
from .search import SEARCH_MAX_LENGTH, search_findings

SORT_RELEVANCE = "relevance"
SORT_CHOICES = [
    (SORT_RELEVANCE, _("Best match")),  # without a search: newest first
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title A–Z")),
]
SORT_ORDERINGS = {
    "newest": ["-published_at", "title"],
    "oldest": ["published_at", "title"],
    "title": ["title"],
}
YEAR_MIN, YEAR_MAX = 1900, 9999


class WithoutEmptyValues:
    """A multiple-value field that reads `?year=` as no value rather than a wrong one."""

    def clean(self, value):
        return super().clean([item for item in value or () if item != ""])


class YearsField(WithoutEmptyValues, forms.MultipleChoiceField):
    """Years from 1900 to 9999, without listing them as choices."""

    def valid_value(self, value):
        return str(value).isdigit() and YEAR_MIN <= int(value) <= YEAR_MAX

    def clean(self, value):
        return [int(year) for year in super().clean(value)]


class YearsFilter(django_filters.MultipleChoiceFilter):
    field_class = YearsField


class ChoicesField(WithoutEmptyValues, forms.MultipleChoiceField):
    pass


class ModelChoicesField(WithoutEmptyValues, django_filters.fields.ModelMultipleChoiceField):
    pass


class ModelChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelChoicesField


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """Several values of a fixed vocabulary (`?kind=` means no filter)."""

    field_class = ChoicesField


class CountryFilter(django_filters.MultipleChoiceFilter):
    """Findings drawing on any of these countries (ISO 3166-1 alpha-2 codes)."""

    field_class = ChoicesField

    def __init__(self, **kwargs):
        # Listed once per language, not translated again for every request's filter form.
        kwargs.setdefault("choices", CountryChoices())
        kwargs.setdefault("field_name", "countries")
        super().__init__(**kwargs)


def facet_applied_together(queryset, name, value):
    return queryset  # facets are applied together by FacetFilterSet.filter_queryset


class FacetFilterSet(django_filters.FilterSet):
    """The five facets, each taking several values; applied by `findings.facets`."""

    theme = ModelChoicesFilter(
        to_field_name="slug", queryset=Theme.objects.all(), method=facet_applied_together
    )
    sdg = ModelChoicesFilter(queryset=SDG.objects.all(), label="SDG", method=facet_applied_together)
    consortium = ModelChoicesFilter(
        to_field_name="slug", queryset=Consortium.objects.all(), method=facet_applied_together
    )
    country = CountryFilter(method=facet_applied_together)
    year = YearsFilter(method=facet_applied_together)
    # The structured claim (findings.claims).
    kind = ChoicesFilter(choices=ClaimKind.choices, method=facet_applied_together)
    lever = ModelChoicesFilter(
        to_field_name="slug", queryset=PolicyLever.objects.all(), method=facet_applied_together
    )
    level = ChoicesFilter(choices=GovernmentLevelCode.choices, method=facet_applied_together)
    evidence = ChoicesFilter(choices=EvidenceKind.choices, method=facet_applied_together)
    sdg_target = ModelChoicesFilter(
        queryset=SDGTarget.objects.all(),
        label=_("SDG target"),
        method=facet_applied_together,
    )
    contested = django_filters.ChoiceFilter(
        choices=[("1", _("Contested findings only"))],
        method=facet_applied_together,
        label=_("Contested"),
        help_text=_(
            "1: only findings that another consortium's organisation found otherwise in its "
            "context (a published reaction)."
        ),
    )

    @property
    def selection(self) -> dict[str, list[str]]:
        """The valid selected values per facet, as `findings.facets` keys (ids, numbers,
        codes, years)."""
        cleaned = getattr(self.form, "cleaned_data", {}) if self.is_bound else {}
        selection = {
            facet: sorted(set(self.facet_keys(facet, cleaned[facet])))
            for facet in FACETS
            if cleaned.get(facet)
        }
        if cleaned.get("contested"):
            selection["contested"] = ["1"]
        return selection

    def facet_keys(self, facet: str, values: list) -> list[str]:
        if facet in ("theme", "consortium", "lever", "sdg_target"):
            return [str(value.pk) for value in values]
        if facet == "sdg":
            return [str(value.number) for value in values]
        return [str(value) for value in values]

    def filter_queryset(self, queryset):
        # The facets first: a search lists its best matches within the selection (it lists a
        # bounded number, see findings.search), not the selected ones among its best overall.
        return super().filter_queryset(filter_findings(queryset, self.selection))


class FindingListFilter(FacetFilterSet):
    """The public findings page's facets, search and sort (the API's: ``FindingApiFilter``)."""

    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Search findings"),
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label=_("Sort by"), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].error_messages["max_length"] = _(
            "Search for at most %(limit_value)d characters: a few words or a “quoted phrase” "
            "find more than a long text (this one has %(show_value)d)."
        )

    def filter_search(self, queryset, name, value):
        return search_findings(queryset, value)

    def filter_sort(self, queryset, name, value):
        # Best match is search_findings' own order; without a search the model's newest-first.
        if value == SORT_RELEVANCE:
            return queryset
        return queryset.order_by(*SORT_ORDERINGS.get(value, SORT_ORDERINGS["newest"]))


def finding_list_filter(params) -> FindingListFilter:
    """The findings list's filters over the listed findings: the page and its downloads
    (findings.export_views) read the same query string the same way."""
    return FindingListFilter(params or None, queryset=Finding.objects.published())
