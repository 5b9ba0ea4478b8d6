"""Reads for the public pages about findings, themes and SDGs, in a fixed number of queries.

findings knows nothing of events: the pages that also show where a finding or a theme came up
at events add that in events (events.selectors, events.combined_views).
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django_countries import countries as all_countries

from consortia.models import Consortium

from .models import SDG, Finding, Theme
from .workflow import LISTED_STATES

RELATED_FINDINGS = 4


def finding_cards(queryset: QuerySet | None = None) -> QuerySet:
    """Findings with what a card shows: consortium, themes, SDGs."""
    if queryset is None:
        queryset = Finding.objects.published()
    return queryset.select_related("consortium").prefetch_related("themes", "sdgs")


@dataclass
class FacetItem:
    value: str
    label: str
    count: int


def finding_facets(result: QuerySet) -> dict[str, list[FacetItem]]:
    """Counts per theme, SDG, consortium, country and year over the current result: 5 queries."""
    matching = Finding.objects.filter(pk__in=result.order_by().values("pk"))
    themes = (
        Theme.objects.filter(findings__in=matching)
        .annotate(result_count=Count("findings"))
        .order_by("kind", "position", "name")
    )
    sdgs = SDG.objects.filter(findings__in=matching).annotate(result_count=Count("findings"))
    consortia = (
        Consortium.objects.filter(findings__in=matching)
        .annotate(result_count=Count("findings"))
        .order_by("short_name")
    )
    years = (
        matching.annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(result_count=Count("pk"))
        .order_by("-year")
    )
    # A multiple CountryField is one "ES,FR" string per row: count in Python.
    country_counts = Counter(
        code for value in matching.values_list("countries", flat=True) for code in value.split(",")
        if code
    )  # fmt: skip
    return {
        "theme": [FacetItem(t.slug, t.name, t.result_count) for t in themes],
        "sdg": [
            FacetItem(str(s.number), f"{s.number} {s.short_name}", s.result_count) for s in sdgs
        ],
        "consortium": [FacetItem(c.slug, c.short_name, c.result_count) for c in consortia],
        "country": sorted(
            (FacetItem(code, all_countries.name(code), n) for code, n in country_counts.items()),
            key=lambda item: item.label,
        ),
        "year": [
            FacetItem(str(row["year"]), str(row["year"]), row["result_count"])
            for row in years
            if row["year"]
        ],
    }


def finding_detail(slug: str) -> Finding:
    """A published or withdrawn finding with everything of findings its page shows (raises
    Finding.DoesNotExist)."""
    return (
        Finding.objects.public()
        .select_related("consortium")
        .prefetch_related("themes", "sdgs", "sources", "attachments")
        .get(slug=slug)
    )


def related_findings(finding: Finding, limit: int = RELATED_FINDINGS) -> list[Finding]:
    """Other published findings sharing a theme or an SDG, those sharing most first."""
    theme_ids = [theme.pk for theme in finding.themes.all()]
    sdg_ids = [sdg.pk for sdg in finding.sdgs.all()]
    if not theme_ids and not sdg_ids:
        return []
    shares = Q(themes__in=theme_ids) | Q(sdgs__in=sdg_ids)
    candidates = (
        Finding.objects.published()
        .exclude(pk=finding.pk)
        .filter(shares)
        .values("pk")
        .annotate(
            shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
            + Count("sdgs", filter=Q(sdgs__in=sdg_ids), distinct=True)
        )
        .order_by("-shared", "-published_at", "title")[:limit]
    )
    order = [row["pk"] for row in candidates]
    by_pk = finding_cards(Finding.objects.filter(pk__in=order)).in_bulk()
    return [by_pk[pk] for pk in order]


def theme_list() -> QuerySet:
    # Meta.ordering is not applied to aggregating queries: order explicitly.
    return Theme.objects.annotate(
        published_count=Count("findings", filter=Q(findings__status__in=LISTED_STATES))
    ).order_by("kind", "position", "name")


def theme_detail(slug: str) -> Theme:
    """Raises Theme.DoesNotExist."""
    return Theme.objects.get(slug=slug)


def theme_findings_by_consortium(theme: Theme) -> list[tuple[Consortium, list[Finding]]]:
    """The theme's published findings grouped by consortium, consortia in name order."""
    findings = finding_cards(Finding.objects.published().filter(themes=theme)).order_by(
        "consortium__short_name", "-published_at", "title"
    )
    groups: dict[int, tuple[Consortium, list[Finding]]] = {}
    for finding in findings:
        groups.setdefault(finding.consortium_id, (finding.consortium, []))[1].append(finding)
    return list(groups.values())


def with_published_finding_count(consortia: QuerySet) -> QuerySet:
    """The consortia, each annotated with ``published_count``: its published findings."""
    published = Finding.objects.published()
    return consortia.annotate(
        published_count=Count("findings", filter=Q(findings__in=published.values("pk")))
    )


def consortium_findings(consortium: Consortium) -> QuerySet:
    """The consortium's published findings, as cards."""
    return finding_cards(Finding.objects.published().filter(consortium=consortium))
