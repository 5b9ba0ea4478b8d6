"""Reads of reactions and policy uptakes: bounded, a fixed number of queries."""

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber

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
