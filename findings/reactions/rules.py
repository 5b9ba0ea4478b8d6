"""Who may react to which finding, and who moderates reactions: one rule each, one refusal.

The organisations a member speaks for are those of the consortia they act for (lead and
partners, ``consortia.Membership``): an account is linked to consortia, not to a person or an
organisation, so this is the closest sound reading of "their organisation". A member reacts
only to published findings of *other* consortia: never to a finding of a consortium they act
for, nor on behalf of an organisation that belongs to the finding's consortium.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from consortia.models import Organisation
from consortia.permissions import consortia_for

from ..enums import FindingStatus
from ..exceptions import FindingError, NotPermitted, TransitionNotAllowed
from ..permissions import is_curator_account
from .enums import ReactionKind, ReactionStatus
from .models import Reaction


def organisations_for(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may react for: those of the consortia they act for."""
    return Organisation.objects.filter(memberships__consortium__in=consortia_for(user)).distinct()


def reaction_refusal(*, user, finding, organisation=None) -> FindingError | None:
    """Why ``user`` may not react to ``finding`` (for ``organisation``, when given), or None.

    The member's pages, the API and the service ask this one function."""
    if not consortia_for(user).exists():
        return NotPermitted(_("Only members of a consortium can react to findings."))
    if finding.status != FindingStatus.PUBLISHED:
        return TransitionNotAllowed(_("Only published findings can be reacted to."))
    if consortia_for(user).filter(pk=finding.consortium_id).exists():
        return NotPermitted(
            _(
                "This is a finding of %(consortium)s, which you act for: reactions come from "
                "other consortia."
            )
            % {"consortium": finding.consortium.short_name}
        )
    if organisation is not None:
        if not organisations_for(user).filter(pk=organisation.pk).exists():
            return NotPermitted(
                _("You can react only for an organisation of a consortium you act for.")
            )
        if organisation.memberships.filter(consortium_id=finding.consortium_id).exists():
            return NotPermitted(
                _(
                    "%(organisation)s belongs to %(consortium)s, whose finding this is: "
                    "reactions come from other consortia."
                )
                % {"organisation": organisation, "consortium": finding.consortium.short_name}
            )
    return None


def reaction_refusal_no_organisation(finding) -> FindingError:
    """Every organisation the member speaks for belongs to the finding's consortium."""
    return NotPermitted(
        _(
            "Every organisation you act for belongs to %(consortium)s, whose finding this is: "
            "reactions come from other consortia."
        )
        % {"consortium": finding.consortium.short_name}
    )


class DuplicateReaction(FindingError):
    """The organisation already recorded this reaction (pending or published): 400."""


def duplicate_refusal(*, finding, organisation, kind: str) -> FindingError | None:
    """One pending or published reaction per organisation, finding and kind."""
    if (
        Reaction.objects.open()
        .filter(finding=finding, organisation=organisation, kind=kind)
        .exists()
    ):
        return DuplicateReaction(
            _(
                "%(organisation)s has already recorded “%(kind)s” for this finding (waiting for "
                "review or published)."
            )
            % {"organisation": organisation, "kind": ReactionKind(kind).label}
        )
    return None


def content_refusal(*, kind: str, country: str, place: str, evidence: str) -> dict[str, str]:
    """What a reaction of ``kind`` must say, per field: empty when it says it."""
    errors = {}
    if kind == ReactionKind.APPLIED and not country:
        errors["country"] = _("Say in which country your organisation applied it.")
    if kind == ReactionKind.APPLIED and not place.strip():
        errors["place"] = _("Say where your organisation applied it.")
    if kind == ReactionKind.OTHERWISE and not evidence.strip():
        errors["evidence"] = _("Say what your organisation found: the evidence.")
    return errors


#: Where a curator's decision may start from.
DECISION_SOURCES = {
    ReactionStatus.PUBLISHED: frozenset({ReactionStatus.SUBMITTED}),
    # Rejecting a published reaction takes it down.
    ReactionStatus.REJECTED: frozenset({ReactionStatus.SUBMITTED, ReactionStatus.PUBLISHED}),
}


def decision_refusal(*, user, reaction: Reaction, target: str) -> FindingError | None:
    """Why ``user`` may not move ``reaction`` to ``target`` (published or rejected), or None."""
    if not is_curator_account(user):
        return NotPermitted(_("Only curators decide on reactions to findings."))
    if reaction.status not in DECISION_SOURCES[target]:
        return TransitionNotAllowed(
            _('This reaction cannot be %(decision)s while its status is "%(status)s".')
            % {
                "decision": ReactionStatus(target).label.lower(),
                "status": reaction.get_status_display(),
            }
        )
    return None
