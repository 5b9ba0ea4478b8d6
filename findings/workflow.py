"""The life cycle of a finding, in one table: the one source of what is possible.

    draft ──submit──▶ awaiting_signoff ──approve──▶ submitted ──publish──▶ published
      │                  │ send_back                 │ │  └──reject──▶ rejected    │
      │                  ▼                           │ │                     withdraw
      │            changes_requested ◀─request_changes┘ │                          ▼
      └──submit (no sign-off: no coordinator, or the     │                      withdrawn
         consortium does not ask for it)────────────────▶┘

Each ``Transition`` names the states it starts from, where it leads, the predicate that
decides who may take it (``findings.permissions``), whether it needs a comment, which doors
offer it, and every sentence said about it (one per transition: translators see whole
sentences). The admin, the members' pages, the API, the e-mails and the dashboards ask this
table what is possible for this user now (``available``) and why not (``refusal``); what a
step does is in ``findings.services``. Adding a stage is a change to this table, its
predicates and its templates.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import permissions as can
from .enums import FindingStatus, ReviewDecision
from .exceptions import CommentRequired, FindingError, NotPermitted, TransitionNotAllowed
from .models import Finding
from .states import (  # noqa: F401  (re-exported: the table's readers import them from here)
    LISTED_STATES,
    MEMBER_EDITABLE_STATES,
    MEMBER_TRANSLATABLE_STATES,
    PUBLIC_STATES,
)

S = FindingStatus
D = ReviewDecision

#: The doors a transition is offered at.
SITE, ADMIN, API = "site", "admin", "api"


@dataclass(frozen=True)
class Transition:
    action: ReviewDecision
    sources: frozenset[str]
    target: str
    #: Who may take it: a composable predicate of ``findings.permissions``.
    who: can.Predicate
    #: Why someone ``who`` says no to may not (unless the predicate says it better).
    refused: str
    #: Why the finding's status does not allow it (``%(status)s`` is the current one).
    wrong_state: str
    #: Where the doors offer it.
    doors: frozenset[str]
    #: The button that takes it.
    label: str
    #: After it was taken (``%(finding)s``).
    done: str
    comment_required: bool = False
    #: Why a comment is needed, when it is.
    comment_missing: str = ""
    #: Another target when ``detour(finding)`` holds (submit: a coordinator signs off first).
    detour: tuple[Callable[[Finding], bool], str] | None = None
    #: A curator may record it as pending and release it later.
    may_be_pending: bool = False
    #: How the button looks: "primary", "secondary" or "danger".
    style: str = "primary"
    #: The admin's bulk action and its confirmation page.
    bulk_action: str = ""
    bulk_question: str = ""
    bulk_confirm: str = ""
    #: The single-finding confirmation page (``%(finding)s``).
    #: After the bulk action (``%(count)d``).
    bulk_done: str = ""
    question: str = ""
    confirm: str = ""
    #: What the confirmation page says will happen.
    consequence: str = ""

    def target_for(self, finding: Finding) -> str:
        if self.detour is not None and self.detour[0](finding):
            return self.detour[1]
        return self.target

    @property
    def actor(self) -> str:
        """The predicate's name ("member", "curator", …): a word for generators and docs.
        Who may take the step is decided by ``who``, never by this word."""
        return self.who.name

    @property
    def url_name(self) -> str:
        """Its name in URLs: ``request-changes``."""
        return str(self.action).replace("_", "-")


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            D.SUBMIT,
            frozenset({S.DRAFT, S.CHANGES_REQUESTED}),
            S.SUBMITTED,
            who=can.is_member,
            detour=(can.needs_coordinator_signoff, S.AWAITING_SIGNOFF),
            refused=_("Only members of %(consortium)s can submit this finding."),
            wrong_state=_(
                'This finding cannot be submitted while its status is "%(status)s": members '
                "submit drafts and findings with changes requested."
            ),
            doors=frozenset({SITE, API}),
            label=_("Submit for review"),
            done=_("“%(finding)s” was submitted for review."),
        ),
        Transition(
            D.APPROVE,
            frozenset({S.AWAITING_SIGNOFF}),
            S.SUBMITTED,
            who=can.signs_off,
            refused=_("Only a coordinator of %(consortium)s can sign this finding off."),
            wrong_state=_(
                'This finding cannot be signed off while its status is "%(status)s": only a '
                "finding awaiting the coordinator's sign-off can."
            ),
            doors=frozenset({SITE, API}),
            label=_("Sign off and send to the curators"),
            done=_("“%(finding)s” was signed off and sent to the curators."),
        ),
        Transition(
            D.SEND_BACK,
            frozenset({S.AWAITING_SIGNOFF}),
            S.CHANGES_REQUESTED,
            who=can.signs_off,
            refused=_("Only a coordinator of %(consortium)s can send this finding back."),
            wrong_state=_(
                'This finding cannot be sent back while its status is "%(status)s": only a '
                "finding awaiting the coordinator's sign-off can."
            ),
            doors=frozenset({SITE, API}),
            label=_("Send back to the members"),
            done=_("“%(finding)s” was sent back to its members."),
            comment_required=True,
            comment_missing=_(
                "Please say in a comment what to change before you send the finding back: "
                "its members will read it."
            ),
            style="secondary",
        ),
        Transition(
            D.PUBLISH,
            frozenset({S.SUBMITTED}),
            S.PUBLISHED,
            who=can.is_curator,
            refused=_("Only curators can publish findings."),
            wrong_state=_(
                'You cannot publish this finding while its status is "%(status)s"; this is '
                'only possible when it is "Submitted for review".'
            ),
            doors=frozenset({ADMIN, API}),
            label=_("Publish…"),
            done=_("“%(finding)s” was published."),
            may_be_pending=True,
            bulk_action=_("Publish the selected findings…"),
            bulk_question=_("Publish these findings?"),
            bulk_confirm=_("Yes, publish them"),
            question=_("Publish “%(finding)s”?"),
            confirm=_("Yes, publish it"),
            bulk_done=ngettext_lazy(
                "%(count)d finding published; the members were notified by e-mail.",
                "%(count)d findings published; the members were notified by e-mail.",
                "count",
            ),
            consequence=_(
                "The finding will appear on the public site at once, and its members will be told "
                "by e-mail."
            ),
        ),
        Transition(
            D.REQUEST_CHANGES,
            frozenset({S.SUBMITTED}),
            S.CHANGES_REQUESTED,
            who=can.is_curator,
            refused=_("Only curators can request changes to findings."),
            wrong_state=_(
                'Changes cannot be requested while the finding\'s status is "%(status)s": '
                'only while it is "Submitted for review".'
            ),
            doors=frozenset({ADMIN, API}),
            label=_("Request changes…"),
            done=_("Changes to “%(finding)s” were requested."),
            comment_required=True,
            comment_missing=_(
                "Please say why in a comment: you cannot request changes to a finding without "
                "one, and the members will read it."
            ),
            may_be_pending=True,
            style="secondary",
            bulk_action=_("Request changes to the selected findings…"),
            bulk_question=_("Request changes to these findings?"),
            bulk_confirm=_("Yes, request changes"),
            question=_("Request changes to “%(finding)s”?"),
            confirm=_("Yes, request changes"),
            bulk_done=ngettext_lazy(
                "%(count)d finding sent back with changes requested; the members were notified by "
                "e-mail.",
                "%(count)d findings sent back with changes requested; the members were notified "
                "by e-mail.",
                "count",
            ),
            consequence=_(
                "The finding goes back to its members to edit and submit again; they will be "
                "e-mailed your comment."
            ),
        ),
        Transition(
            D.REJECT,
            frozenset({S.SUBMITTED}),
            S.REJECTED,
            who=can.is_curator,
            refused=_("Only curators can reject findings."),
            wrong_state=_(
                'You cannot reject this finding while its status is "%(status)s"; this is '
                'only possible when it is "Submitted for review".'
            ),
            doors=frozenset({ADMIN, API}),
            label=_("Reject…"),
            done=_("“%(finding)s” was rejected."),
            comment_required=True,
            comment_missing=_(
                "Please say why in a comment: you cannot reject a finding without one, and "
                "the members will read it."
            ),
            may_be_pending=True,
            style="danger",
            bulk_action=_("Reject the selected findings…"),
            bulk_question=_("Reject these findings?"),
            bulk_confirm=_("Yes, reject them"),
            question=_("Reject “%(finding)s”?"),
            confirm=_("Yes, reject it"),
            bulk_done=ngettext_lazy(
                "%(count)d finding rejected; the members were notified by e-mail.",
                "%(count)d findings rejected; the members were notified by e-mail.",
                "count",
            ),
            consequence=_(
                "The submission is closed for good: its members cannot submit it again. They will "
                "be e-mailed your comment."
            ),
        ),
        Transition(
            D.WITHDRAW,
            frozenset({S.PUBLISHED}),
            S.WITHDRAWN,
            who=can.is_curator,
            refused=_("Only curators can withdraw findings."),
            wrong_state=_(
                'You cannot withdraw this finding while its status is "%(status)s"; this is '
                'only possible when it is "Published".'
            ),
            doors=frozenset({ADMIN, API}),
            label=_("Withdraw…"),
            done=_("“%(finding)s” was withdrawn."),
            comment_required=True,
            comment_missing=_(
                "Please say why in a comment: you cannot withdraw a finding without one, and "
                "the members will read it."
            ),
            style="danger",
            bulk_action=_("Withdraw the selected findings…"),
            bulk_question=_("Withdraw these findings?"),
            bulk_confirm=_("Yes, withdraw them"),
            question=_("Withdraw “%(finding)s”?"),
            confirm=_("Yes, withdraw it"),
            bulk_done=ngettext_lazy(
                "%(count)d finding withdrawn; the members were notified by e-mail.",
                "%(count)d findings withdrawn; the members were notified by e-mail.",
                "count",
            ),
            consequence=_(
                "The finding leaves every list; its page stays up, marked as withdrawn. Its "
                "members will be e-mailed your comment."
            ),
        ),
    ]
}


# Every function below reads ``TRANSITIONS`` unless given another ``table`` of the same
# shape: outputs (``findings.output_workflow``) go through the same steps, decided by the same
# predicates, with sentences of their own. Anything with ``status``, ``consortium`` and
# ``author`` can be moved along a table.
Table = dict[str, Transition]


def transition_for(action: str, table: Table | None = None) -> Transition:
    return (table or TRANSITIONS)[ReviewDecision(action)]


def at_door(door: str, table: Table | None = None) -> list[Transition]:
    """The transitions a door offers, in the table's order."""
    return [t for t in (table or TRANSITIONS).values() if door in t.doors]


def can_transition(status: str, action: str, table: Table | None = None) -> bool:
    return status in transition_for(action, table).sources


def refusal(user, finding: Finding, action: str, table: Table | None = None) -> FindingError | None:
    """Why ``user`` may not take ``action`` on ``finding`` now (the error the service raises),
    or ``None`` when they may. Who comes first: an outsider learns nothing of the state."""
    transition = transition_for(action, table)
    if not transition.who(user, finding):
        reason = transition.who.failing_reason(user, finding) or transition.refused
        return NotPermitted(str(reason) % {"consortium": finding.consortium})
    if finding.status not in transition.sources:
        return TransitionNotAllowed(
            str(transition.wrong_state) % {"status": FindingStatus(finding.status).label}
        )
    return None


def check(user, finding: Finding, action: str, table: Table | None = None) -> Transition:
    """The transition, or the error that refuses it."""
    error = refusal(user, finding, action, table)
    if error is not None:
        raise error
    return transition_for(action, table)


def available(
    user, finding: Finding, door: str | None = None, table: Table | None = None
) -> list[Transition]:
    """The transitions ``user`` may take on ``finding`` now (at ``door``, if given)."""
    return [
        t
        for t in (table or TRANSITIONS).values()
        if (door is None or door in t.doors)
        and finding.status in t.sources
        and t.who(user, finding)
    ]


def check_transition(status: str, action: str, table: Table | None = None) -> Transition:
    """The transition for ``action`` from ``status``, or ``TransitionNotAllowed``."""
    transition = transition_for(action, table)
    if status not in transition.sources:
        raise TransitionNotAllowed(
            str(transition.wrong_state) % {"status": FindingStatus(status).label}
        )
    return transition


def check_comment(action: str, comment: str, table: Table | None = None) -> str:
    """The comment stripped, or ``CommentRequired`` if the step needs one and has none."""
    transition = transition_for(action, table)
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise CommentRequired(str(transition.comment_missing))
    return comment
