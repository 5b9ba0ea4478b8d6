"""Every write on reactions: submit (a member), publish and reject (a curator)."""

from django.db import transaction
from django.utils import timezone

from ..exceptions import FindingError
from ..models import Finding
from . import rules
from .enums import ReactionKind, ReactionStatus
from .models import Reaction


class ReactionInvalid(FindingError):
    """The reaction misses what its kind requires; ``errors`` per field."""

    http_status = 400

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@transaction.atomic
def reaction_submit(
    *,
    finding: Finding,
    user,
    organisation,
    kind: str,
    country: str = "",
    place: str = "",
    note: str = "",
    evidence: str = "",
) -> Reaction:
    """Record ``organisation``'s reaction to ``finding``, waiting for a curator's decision.

    Raises ``NotPermitted`` (403), ``TransitionNotAllowed`` (409, an unpublished finding),
    ``ReactionInvalid`` or ``FindingError`` (400: missing evidence, a duplicate)."""
    refusal = rules.reaction_refusal(user=user, finding=finding, organisation=organisation)
    if refusal is not None:
        raise refusal
    errors = rules.content_refusal(kind=kind, country=country, place=place, evidence=evidence)
    if errors:
        raise ReactionInvalid(errors)
    # Only what the kind asks for is kept: an endorsement has no place nor evidence.
    if kind != ReactionKind.APPLIED:
        country, place = "", ""
    if kind != ReactionKind.OTHERWISE:
        evidence = ""
    Organisation = type(organisation)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    refusal = rules.duplicate_refusal(finding=finding, organisation=organisation, kind=kind)
    if refusal is not None:
        raise refusal
    reaction = Reaction(
        finding=finding,
        organisation=organisation,
        kind=kind,
        country=country,
        place=place.strip(),
        note=note.strip(),
        evidence=evidence.strip(),
        author=user,
    )
    reaction.full_clean()
    reaction.save()
    return reaction


@transaction.atomic
def reaction_decide(*, reaction: Reaction, user, target: str, comment: str = "") -> Reaction:
    """A curator publishes (``ReactionStatus.PUBLISHED``) or rejects a reaction."""
    locked = Reaction.objects.select_for_update().get(pk=reaction.pk)
    refusal = rules.decision_refusal(user=user, reaction=locked, target=target)
    if refusal is not None:
        raise refusal
    locked.status = target
    locked.decided_at = timezone.now()
    locked.decided_by = user
    if comment:
        locked.curator_comment = comment
    locked.save()
    reaction.refresh_from_db()
    return locked


def reaction_publish(*, reaction: Reaction, user) -> Reaction:
    return reaction_decide(reaction=reaction, user=user, target=ReactionStatus.PUBLISHED)


def reaction_reject(*, reaction: Reaction, user, comment: str = "") -> Reaction:
    return reaction_decide(
        reaction=reaction, user=user, target=ReactionStatus.REJECTED, comment=comment
    )
