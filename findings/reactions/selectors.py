"""Reads of reactions and policy uptakes: bounded, a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber

from .enums import ReactionKind, ReactionStatus
from .models import PolicyUptake, Reaction

#: At most this many published reactions of each kind on a finding's page (newest first).
REACTIONS_SHOWN = 50
#: At most this many policy uptakes on a finding's page and trail.
UPTAKES_SHOWN = 20


def _contested_reactions() -> QuerySet:
    return Reaction.objects.filter(kind=ReactionKind.OTHERWISE, status=ReactionStatus.PUBLISHED)


def contested_condition() -> Exists:
    """The findings with at least one published "found otherwise" (an indexed semi-join on
    the partial index ``reaction_contested``)."""
    return Exists(_contested_reactions().filter(finding=OuterRef("pk")))


def contested_ids(queryset: QuerySet) -> set[int]:
    """Ids of the findings of ``queryset`` that are contested: one query."""
    return set(
        _contested_reactions()
        .filter(finding__in=queryset.order_by().values("pk"))
        .values_list("finding_id", flat=True)
        .distinct()
    )


#: The annotations ``with_reaction_counts`` gives each finding: a count of its published
#: reactions per kind, and whether it is contested.
COUNT_ANNOTATIONS = {kind: f"reactions_{kind}" for kind in ReactionKind.values}
CONTESTED_ANNOTATION = "reactions_contested"
#: The attribute ``published_reactions_prefetch`` gives each finding: its published reactions.
PUBLISHED_REACTIONS = "published_reaction_kinds"


@dataclass(frozen=True)
class ReactionCounts:
    """A finding's published reactions of each kind, and whether it is contested."""

    endorsed: int
    applied: int
    otherwise: int
    contested: bool


def _published_count(kind: str) -> Coalesce:
    count = (
        Reaction.objects.published()
        .filter(finding=OuterRef("pk"), kind=kind)
        .order_by()
        .values("finding")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(count), 0)


def with_reaction_counts(findings: QuerySet) -> QuerySet:
    """``findings`` each with its published reactions counted by kind and its contested flag
    (``contested_condition``: the ``?contested=1`` filter's own rule), for ``reaction_counts``.
    Read in the findings' own query: a correlated count per kind through the reactions'
    finding indexes, evaluated for the rows returned only (a page's), and the contested
    semi-join on the partial index ``reaction_contested`` (PostgreSQL may read that small
    index once for the whole query). No query more, whatever the number of findings."""
    return findings.annotate(
        **{name: _published_count(kind) for kind, name in COUNT_ANNOTATIONS.items()},
        **{CONTESTED_ANNOTATION: contested_condition()},
    )


def published_reactions_prefetch() -> Prefetch:
    """Each finding's published reactions (their kinds only), for ``reaction_counts``: one
    query for all the findings it is applied to. For findings read in a batch whose rows were
    not annotated (API list items that were not in the cache)."""
    return Prefetch(
        "reactions",
        queryset=Reaction.objects.published().only("id", "finding_id", "kind"),
        to_attr=PUBLISHED_REACTIONS,
    )


def reaction_counts(finding) -> ReactionCounts:
    """The finding's published reactions by kind and whether it is contested: from the
    annotations of ``with_reaction_counts`` or the reactions of
    ``published_reactions_prefetch`` when it was read with either, else one query."""
    names = [*COUNT_ANNOTATIONS.values(), CONTESTED_ANNOTATION]
    prefetched = getattr(finding, PUBLISHED_REACTIONS, None)
    if prefetched is not None:
        kinds = Counter(reaction.kind for reaction in prefetched)
        return ReactionCounts(
            **{kind: kinds[kind] for kind in COUNT_ANNOTATIONS},
            contested=kinds[ReactionKind.OTHERWISE] > 0,
        )
    if all(hasattr(finding, name) for name in names):
        row = {name: getattr(finding, name) for name in names}
    else:
        from ..models import Finding

        row = with_reaction_counts(Finding.objects.filter(pk=finding.pk)).values(*names).get()
    return ReactionCounts(
        **{kind: row[name] for kind, name in COUNT_ANNOTATIONS.items()},
        contested=bool(row[CONTESTED_ANNOTATION]),
    )


def published_reactions(finding) -> dict[str, list[Reaction]]:
    """The finding's published reactions by kind (endorsed, applied, otherwise), each with its
    organisation, newest first: one query, at most ``REACTIONS_SHOWN`` of each kind."""
    by_kind: dict[str, list[Reaction]] = {kind: [] for kind in ReactionKind.values}
    rows = (
        Reaction.objects.published()
        .filter(finding=finding)
        .select_related("organisation")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("kind")],
                order_by=[F("decided_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=REACTIONS_SHOWN)
        .order_by("kind", "-decided_at", "-id")
    )
    for reaction in rows:
        by_kind[reaction.kind].append(reaction)
    return by_kind


def public_uptakes(finding) -> list[PolicyUptake]:
    """The policy outputs the finding fed, each with ``public_findings`` (its published
    findings) and ``other_findings`` (those but this one): two queries."""
    from ..models import Finding

    uptakes = list(
        PolicyUptake.objects.filter(findings=finding)
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.published().only("pk", "slug", "title", "consortium_id"),
                to_attr="public_findings",
            )
        )
        .order_by("-date", "title")[:UPTAKES_SHOWN]
    )
    for uptake in uptakes:
        uptake.other_findings = [f for f in uptake.public_findings if f.pk != finding.pk]
    return uptakes


def member_reactions(user, limit: int = 50) -> list[Reaction]:
    """The reactions this member wrote, newest first, with their finding and organisation."""
    return list(
        Reaction.objects.filter(author=user)
        .select_related("finding", "organisation")
        .order_by("-created_at", "-id")[:limit]
    )
