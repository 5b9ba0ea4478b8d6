"""Reads for the public pages about findings, themes and SDGs, in a fixed number of queries.

findings knows nothing of events: the pages that also show where a finding or a theme came up
at events add that in events (events.selectors, events.combined_views).
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import ExtractYear, RowNumber
from django_countries import countries as all_countries

from consortia.models import Consortium
from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag

from . import counts as finding_counts
from .models import SDG, Finding, Theme

RELATED_FINDINGS = 4
# How much of a theme a theme page shows; the findings list has the rest.
THEME_CONSORTIA = 12
THEME_FINDINGS_PER_CONSORTIUM = 3
CONSORTIUM_LATEST_FINDINGS = 6
# Themes are a curated vocabulary, not content: a cap, not pages, keeps the list bounded.
MAX_THEMES = 200


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


def theme_list() -> list[Theme]:
    """Every theme in its list order, each with ``published_count`` (a cached grouped count)."""
    counts = finding_counts.published_by_theme()
    # Meta.ordering, spelled out: the order of the page is part of its contract.
    themes = list(Theme.objects.order_by("kind", "position", "name")[:MAX_THEMES])
    for theme in themes:
        theme.published_count = counts.get(theme.pk, 0)
    return themes


def theme_detail(slug: str) -> Theme:
    """Raises Theme.DoesNotExist."""
    return Theme.objects.get(slug=slug)


@dataclass
class LatestFindings:
    """The latest few of a longer list of published findings, and how long that list is."""

    findings: list[Finding]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.findings)


@dataclass
class ConsortiumGroup:
    consortium: Consortium
    latest: LatestFindings


@dataclass
class ThemeFindings:
    """A theme's published findings, side by side: the consortia with most findings on it
    first, each with its latest few."""

    groups: list[ConsortiumGroup]
    total: int
    consortium_count: int

    @property
    def more_consortia(self) -> int:
        return self.consortium_count - len(self.groups)


def card_fields(queryset: QuerySet) -> QuerySet:
    """Leave out what no card shows: the Markdown body and the search vector are the bulk of
    a finding's row."""
    return queryset.defer("body", "search_vector")


def theme_findings_by_consortium(
    theme: Theme,
    *,
    consortia: int = THEME_CONSORTIA,
    per_consortium: int = THEME_FINDINGS_PER_CONSORTIUM,
) -> ThemeFindings:
    """The theme's leading consortia (most published findings on it first, then by name),
    each with its latest findings on it. Cached until a finding or a consortium changes:
    ranking a large theme's findings per consortium reads them all (about 0.1 s for 18,000)."""
    return cached(
        f"findings.theme-findings:{theme.pk}:{consortia}:{per_consortium}",
        [finding_counts.FINDINGS, kind_tag(Consortium)],
        lambda: _theme_findings_by_consortium(theme, consortia, per_consortium),
    )


def _theme_findings_by_consortium(theme: Theme, consortia: int, per_consortium: int):
    counts = finding_counts.published_in_theme_by_consortium(theme.pk)
    leading = counts[:consortia]
    ids = [consortium_id for consortium_id, _ in leading]
    by_consortium: dict[int, list[Finding]] = {consortium_id: [] for consortium_id in ids}
    if ids:
        # Ranked on narrow rows, then only the few shown are read whole.
        latest_ids = (
            Finding.objects.published()
            .filter(themes=theme, consortium_id__in=ids)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("consortium_id"),
                    order_by=[F("published_at").desc(), F("title").asc()],
                )
            )
            .filter(rank__lte=per_consortium)
            .values_list("pk", flat=True)
        )
        latest = card_fields(Finding.objects.filter(pk__in=list(latest_ids))).order_by(
            "-published_at", "title"
        )
        for finding in latest:
            by_consortium[finding.consortium_id].append(finding)
    consortia_by_id = Consortium.objects.in_bulk(ids)
    return ThemeFindings(
        groups=[
            ConsortiumGroup(
                consortia_by_id[consortium_id],
                LatestFindings(by_consortium[consortium_id], count),
            )
            for consortium_id, count in leading
        ],
        total=sum(count for _, count in counts),
        consortium_count=len(counts),
    )


def published_counts_of(consortia) -> None:
    """Give each consortium ``published_count``: its published findings (a cached count)."""
    counts = finding_counts.published_by_consortium()
    for consortium in consortia:
        consortium.published_count = counts.get(consortium.pk, 0)


def consortium_findings(
    consortium: Consortium, *, limit: int = CONSORTIUM_LATEST_FINDINGS
) -> LatestFindings:
    """The consortium's latest published findings, as cards, and how many it has."""
    latest = finding_cards(
        card_fields(Finding.objects.published().filter(consortium=consortium))
    ).order_by("-published_at", "title")[:limit]
    total = finding_counts.published_by_consortium().get(consortium.pk, 0)
    return LatestFindings(list(latest), total)
