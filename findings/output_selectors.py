"""Reads of outputs for the public pages: the list with its facets, and one output.

Every facet is one grouped count over the listed outputs filtered by the other facets (so a
reader sees what choosing another value gives): five queries whatever the data size.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from consortia.models import Consortium, Person

from .enums import ContentLanguage
from .models import Finding
from .output_enums import Licence, OutputType
from .output_models import Output, OutputFile

#: The facets, in the order the page shows them: (query parameter, title, lookup).
FACETS = [
    ("type", _("Type"), "output_type"),
    ("consortium", _("Consortium"), "consortium__slug"),
    ("language", _("Language"), "language"),
    ("year", _("Year"), "year"),
    ("licence", _("Licence"), "licence"),
]

#: Published findings an output's page lists, at most.
OUTPUT_FINDINGS_LIMIT = 50

#: Files an output's pages and the API list, at most (the oldest first).
OUTPUT_FILES_LIMIT = 50


def files_prefetch() -> Prefetch:
    """An output's files, at most ``OUTPUT_FILES_LIMIT``: one query for a whole page of
    outputs, read as ``output.listed_files``."""
    return Prefetch(
        "files",
        queryset=OutputFile.objects.order_by("uploaded_at", "id")[:OUTPUT_FILES_LIMIT],
        to_attr="listed_files",
    )


@dataclass
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class OutputFacet:
    name: str
    title: str
    items: list[FacetItem] = field(default_factory=list)
    selected: str = ""


def listed_outputs() -> QuerySet[Output]:
    return Output.objects.published().annotate(year=ExtractYear("date"))


def chosen_filters(params) -> dict[str, str]:
    """The facets' values the reader chose (one per facet); unknown values are kept (they
    match nothing) so the page says so rather than ignoring them."""
    chosen = {}
    for name, _title, _lookup in FACETS:
        value = (params.get(name) or "").strip()[:100]
        if value:
            chosen[name] = value
    return chosen


def _filtered(queryset: QuerySet[Output], chosen: dict[str, str], skip: str = "") -> QuerySet:
    lookups = {name: lookup for name, _title, lookup in FACETS}
    for name, value in chosen.items():
        if name == skip:
            continue
        if name == "year" and not value.isdigit():
            return queryset.none()
        if name in ("licence", "language") and value == "none":
            value = ""
        queryset = queryset.filter(**{lookups[name]: value})
    return queryset


def output_list(chosen: dict[str, str]) -> QuerySet[Output]:
    """The published outputs the chosen facets leave, newest first, with their consortium."""
    return (
        _filtered(listed_outputs(), chosen)
        .select_related("consortium")
        .order_by("-date", "title", "id")
    )


def _labels(name: str, values) -> dict[str, str]:
    if name == "type":
        return {value: str(OutputType(value).label) for value in values if value in OutputType}
    if name == "language":
        return {
            ("none" if value == "" else value): (
                str(ContentLanguage(value).label) if value else str(_("Not stated"))
            )
            for value in values
            if value == "" or value in ContentLanguage
        }
    if name == "licence":
        return {
            ("none" if value == "" else value): str(Licence(value).label)
            for value in values
            if value in Licence
        }
    if name == "consortium":
        return dict(Consortium.objects.filter(slug__in=values).values_list("slug", "short_name"))
    return {str(value): str(value) for value in values if value is not None}


def _key(name: str, value) -> str | None:
    """A facet value as the query string writes it ("none": no licence stated)."""
    if value is None:
        return None
    if name in ("licence", "language") and value == "":
        return "none"
    return str(value)


def _ordered_keys(name: str, keys: list[str]) -> list[str]:
    if name == "year":
        return sorted(keys, reverse=True)
    order = {
        "type": OutputType.values,
        "language": [*ContentLanguage.values, "none"],
        "licence": ["none" if value == "" else value for value in Licence.values],
    }.get(name)
    if order is not None:
        return [value for value in order if value in keys]
    return sorted(keys)


def output_facets(chosen: dict[str, str]) -> list[OutputFacet]:
    """Each facet's values with the number of outputs each leaves (with the other facets'
    choices applied)."""
    facets = []
    for name, title, lookup in FACETS:
        rows = (
            _filtered(listed_outputs(), chosen, skip=name)
            .order_by()
            .values(lookup)
            .annotate(n=Count("id"))
        )
        counts = {key: row["n"] for row in rows if (key := _key(name, row[lookup])) is not None}
        labels = _labels(name, [("" if key == "none" else key) for key in counts])
        items = [
            FacetItem(
                value=key,
                label=labels.get(key, key),
                count=counts[key],
                selected=chosen.get(name) == key,
            )
            for key in _ordered_keys(name, list(counts))
        ]
        facets.append(OutputFacet(name, title, items, chosen.get(name, "")))
    return facets


def output_detail(slug: str) -> Output:
    """A public output with its authors, consortium and the published findings drawn from it
    (at most ``OUTPUT_FINDINGS_LIMIT``)."""
    return (
        Output.objects.public()
        .select_related("consortium__programme")
        .prefetch_related(
            Prefetch("people", queryset=Person.objects.select_related("affiliation")),
            "organisations",
            # One query more for its files (capped).
            files_prefetch(),
            Prefetch(
                "findings",
                queryset=Finding.objects.published()
                .only("id", "slug", "title", "published_at", "consortium_id")
                .order_by("-published_at", "title")[:OUTPUT_FINDINGS_LIMIT],
                to_attr="published_findings",
            ),
        )
        .get(slug=slug)
    )


def published_outputs_of(finding: Finding) -> list[Output]:
    """The published outputs a finding rests on."""
    return list(
        finding.outputs.published()
        .select_related("consortium")
        .only("id", "slug", "title", "output_type", "date", "consortium__short_name")
        .order_by("-date", "title")
    )
