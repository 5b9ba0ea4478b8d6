"""Reads for the public pages about findings, themes and SDGs, in a fixed number of queries.

findings knows nothing of events: the pages that also show where a finding or a theme came up
at events add that in events (events.selectors, events.combined_views).
"""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.text import Truncator
from django_countries import countries as all_countries

from consortia.models import Consortium
from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag

from . import counts as finding_counts
from . import facets
from .enums import ClaimKind, EvidenceKind, GovernmentLevelCode
from .models import SDG, UNLISTED_COLUMNS, Finding, PolicyLever, SDGTarget, Theme
from .search import RankedMatches, ranked_matches

RELATED_FINDINGS = 4
#: Related findings are chosen among this many of the newest sharing a theme or an SDG.
RELATED_CANDIDATES = 300
#: A facet with more values shows these many (and the selected ones), and a way to see all.
LEADING_FACET_VALUES = 10
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
    """One value of a facet as the findings list shows it.

    `count` says exactly what a click gives: in a facet without a selection, the findings the
    result narrows to; in a facet with a selection (values combine with OR), the findings a
    click adds (`adds`, shown "+N"); for a selected value (a click removes it), None.
    """

    value: str  # as in the URL: a slug, an SDG number, a country code, a year
    label: str
    count: int | None
    selected: bool = False
    adds: bool = False


@dataclass
class FacetSummary:
    total: int  # findings in the result (for a search: listed, at most SEARCH_RESULTS_CAP)
    facets: dict[str, list[FacetItem]]  # every value, in the facet's order
    more: bool = False  # a search matching more than it lists: counts are of those listed
    #: How many findings of the result, the contested filter left out, are contested.
    contested: int = 0


FACET_CACHE_TAGS = (
    "findings.finding",
    "findings.theme",
    "findings.sdg",
    "consortia.consortium",
    "findings.policylever",
    "findings.evidence",
    "findings.reaction",  # the contested count
)
#: How much of an SDG target's text its facet value shows.
TARGET_LABEL_CHARS = 70


def finding_facets(*, query: str, selection: dict[str, list[str]]) -> FacetSummary:
    """The published findings matching `query` and `selection` (``findings.facets`` keys):
    how many, and every facet value with what a click on it gives.

    Cached per query and selection until a finding, theme, SDG or consortium changes. Cold,
    on PostgreSQL: one scan counting every facet, one per facet with a selection, three for
    the labels.
    """
    key = hashlib.blake2s(
        repr((query, sorted((facet, sorted(keys)) for facet, keys in selection.items()))).encode(),
        digest_size=16,
    ).hexdigest()
    return cached(
        f"finding-facets:{key}",
        FACET_CACHE_TAGS,
        lambda: _finding_facets(query=query, selection=selection),
    )


def _matching(query: str, selection: dict[str, list[str]], *, leave_out: str = "") -> QuerySet:
    """The listed findings of the selection (but `leave_out`) that a search lists: for a
    search, its best matches only (`findings.search.ranked_matches`), so counting them is
    bounded however broad the search is."""
    selected = facets.filter_findings(Finding.objects.published(), selection, leave_out=leave_out)
    if not query:
        return selected
    return Finding.objects.filter(pk__in=ranked_matches(selected, query).ids)


def ranked_search(*, query: str, selection: dict[str, list[str]]) -> RankedMatches:
    """The best matches of a search among the listed findings of the selection (cached)."""
    return ranked_matches(facets.filter_findings(Finding.objects.published(), selection), query)


def _finding_facets(*, query: str, selection: dict[str, list[str]]) -> FacetSummary:
    more = bool(query) and ranked_search(query=query, selection=selection).more
    unfiltered = None if query or selection else facets.count_all_listed()
    if unfiltered is not None:  # PostgreSQL keeps these counts up to date (migration 0009)
        total, counts = unfiltered
    else:
        counts = facets.count_values(_matching(query, selection))
        total = sum(counts["consortium"].values())  # each finding has exactly one consortium
    additions = {
        facet: facets.count_values(
            facets.exclude_findings(_matching(query, selection, leave_out=facet), facet, keys),
            [facet],
        )[facet]
        for facet, keys in selection.items()
        if facet in facets.FACETS
    }
    contested = (
        _matching(query, selection, leave_out="contested")
        .filter(facets.contested_condition())
        .count()
    )

    def items(facet, labels):
        selected = set(selection.get(facet, ()))
        shown = additions[facet] if selected else counts[facet]
        return [
            FacetItem(
                value,
                label,
                None if key in selected else shown[key],
                selected=key in selected,
                adds=bool(selected) and key not in selected,
            )
            for key, value, label in labels
            if key in selected or shown.get(key)
        ]

    def wanted(facet):
        return {*counts[facet], *additions.get(facet, ()), *selection.get(facet, ())}

    themes = Theme.objects.filter(pk__in=wanted("theme")).order_by("kind", "position", "name")
    sdgs = SDG.objects.filter(number__in=wanted("sdg")).order_by("number")
    consortia = Consortium.objects.filter(pk__in=wanted("consortium")).values_list(
        "pk", "slug", "short_name"
    )
    levers = PolicyLever.objects.filter(pk__in=wanted("lever")).order_by("position", "name")
    targets = SDGTarget.objects.filter(code__in=wanted("sdg_target")).order_by("goal", "position")
    by_count = {  # the facets with many values: those with most findings first
        facet: lambda row, facet=facet: (
            row[0] not in selection.get(facet, ()),
            -(additions[facet] if facet in additions else counts[facet]).get(row[0], 0),
            row[2],
        )
        for facet in ("consortium", "country")
    }
    return FacetSummary(
        total=total,
        more=more,
        contested=contested,
        facets={
            "theme": items("theme", [(str(t.pk), t.slug, t.name) for t in themes]),
            "sdg": items(
                "sdg", [(str(s.number), str(s.number), f"{s.number} {s.short_name}") for s in sdgs]
            ),
            "consortium": items(
                "consortium",
                sorted(
                    ((str(pk), slug, name) for pk, slug, name in consortia),
                    key=by_count["consortium"],
                ),
            ),  # fmt: skip
            "country": items(
                "country",
                sorted(
                    ((code, code, all_countries.name(code)) for code in wanted("country")),
                    key=by_count["country"],
                ),
            ),  # fmt: skip
            "year": items(
                "year", [(year, year, year) for year in sorted(wanted("year"), reverse=True)]
            ),
            "kind": items("kind", [(key, key, label) for key, label in ClaimKind.choices]),
            "lever": items("lever", [(str(lever.pk), lever.slug, lever.name) for lever in levers]),
            "level": items(
                "level", [(key, key, label) for key, label in GovernmentLevelCode.choices]
            ),
            "evidence": items(
                "evidence", [(key, key, label) for key, label in EvidenceKind.choices]
            ),
            "sdg_target": items(
                "sdg_target",
                [
                    (t.code, t.code, f"{t.code} {Truncator(t.text).chars(TARGET_LABEL_CHARS)}")
                    for t in targets
                ],
            ),
        },
    )


def leading_items(items: list[FacetItem], limit: int = LEADING_FACET_VALUES) -> list[FacetItem]:
    """The selected values and the `limit` others with most findings, in the facet's order."""
    ranked = sorted((item for item in items if not item.selected), key=lambda item: -item.count)
    kept = {id(item) for item in ranked[:limit]}
    return [item for item in items if item.selected or id(item) in kept]


#: What a finding's page shows of its claim (findings.claims): one query each.
CLAIM_DETAIL_PREFETCH = (
    "levers",
    "levels",
    "evidence",
    Prefetch("sdg_targets", queryset=SDGTarget.objects.select_related("goal")),
)


def finding_detail(slug: str) -> Finding:
    """A published or withdrawn finding with everything of findings its page shows (raises
    Finding.DoesNotExist)."""
    return (
        Finding.objects.public()
        .select_related("consortium__programme")  # the programme: for its citation
        .prefetch_related(
            "themes",
            "sdgs",
            "sources",
            "attachments",
            *CLAIM_DETAIL_PREFETCH,
        )
        .get(slug=slug)
    )


def related_findings(finding: Finding, limit: int = RELATED_FINDINGS) -> list[Finding]:
    """Other published findings sharing a theme or an SDG, those sharing most first, then the
    newest.

    On PostgreSQL one bounded query: among the newest `RELATED_CANDIDATES` findings sharing
    any of its themes and SDGs (`facet_terms &&`, GIN-indexed), those sharing most. A finding
    sharing more but older than all of those is not offered; the newest usually are the
    better reading anyway.
    """
    theme_ids = [theme.pk for theme in finding.themes.all()]
    sdg_ids = [sdg.pk for sdg in finding.sdgs.all()]
    if not theme_ids and not sdg_ids:
        return []
    others = Finding.objects.published().exclude(pk=finding.pk)
    if facets.is_postgresql(others):
        terms = [f"theme:{pk}" for pk in theme_ids] + [f"sdg:{pk}" for pk in sdg_ids]
        newest_sharing = (
            others.filter(facets.HasAnyFacetTerm(terms))
            .order_by("-published_at", "title")
            .values("pk")[:RELATED_CANDIDATES]
        )
        return list(
            finding_cards(Finding.objects.filter(pk__in=newest_sharing))
            .annotate(shared=facets.SharedFacetTerms(terms))
            .order_by("-shared", "-published_at", "title")[:limit]
        )
    else:
        shares = Q(themes__in=theme_ids) | Q(sdgs__in=sdg_ids)
        candidates = (
            others.filter(shares)
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


def sdg_list() -> list[SDG]:
    """The seventeen goals in order, each with ``published_count`` (a cached grouped count)."""
    counts = finding_counts.published_by_sdg()
    sdgs = list(SDG.objects.order_by("number"))
    for sdg in sdgs:
        sdg.published_count = counts.get(sdg.number, 0)
    return sdgs


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
    return queryset.defer(*UNLISTED_COLUMNS)


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
