"""The life cycle of a finding, in one table.

    draft ──submit──▶ submitted ──publish──▶ published ──withdraw──▶ withdrawn
                        │  ▲  │
       request_changes  │  │  └──reject──▶ rejected
                        ▼  │
              changes_requested (──submit──▶ submitted)

Who may take a step is decided in ``findings.permissions``; what the step does is in
``findings.services``. This module only answers "from which states, to which state".
"""

from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .enums import FindingStatus, ReviewDecision
from .exceptions import CommentRequired, TransitionNotAllowed

S = FindingStatus


@dataclass(frozen=True)
class Transition:
    action: ReviewDecision
    sources: frozenset[str]
    target: str
    #: Who takes the step: "member" (a consortium account) or "curator".
    actor: str
    comment_required: bool
    #: A verb for messages: "publish", "submit" … (translated; sentences hold it as %(verb)s)
    verb: str


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            ReviewDecision.SUBMIT,
            frozenset({S.DRAFT, S.CHANGES_REQUESTED}),
            S.SUBMITTED,
            actor="member",
            comment_required=False,
            verb=pgettext_lazy("a review step, as in: you cannot … this finding", "submit"),
        ),
        Transition(
            ReviewDecision.REQUEST_CHANGES,
            frozenset({S.SUBMITTED}),
            S.CHANGES_REQUESTED,
            actor="curator",
            comment_required=True,
            verb=pgettext_lazy(
                "a review step, as in: you cannot … this finding", "request changes to"
            ),
        ),
        Transition(
            ReviewDecision.PUBLISH,
            frozenset({S.SUBMITTED}),
            S.PUBLISHED,
            actor="curator",
            comment_required=False,
            verb=pgettext_lazy("a review step, as in: you cannot … this finding", "publish"),
        ),
        Transition(
            ReviewDecision.REJECT,
            frozenset({S.SUBMITTED}),
            S.REJECTED,
            actor="curator",
            comment_required=True,
            verb=pgettext_lazy("a review step, as in: you cannot … this finding", "reject"),
        ),
        Transition(
            ReviewDecision.WITHDRAW,
            frozenset({S.PUBLISHED}),
            S.WITHDRAWN,
            actor="curator",
            comment_required=True,
            verb=pgettext_lazy("a review step, as in: you cannot … this finding", "withdraw"),
        ),
    ]
}

#: States in which the consortium's members may edit a finding's content.
MEMBER_EDITABLE_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})

# What the public sees, defined once. The model (``Finding.is_public``), its querysets
# (``published()``, ``public()``), permissions, pages, feeds, sitemaps and the API all read
# these two sets:
#
# - LISTED: shown in every list — the findings list and its facets, search, theme, SDG and
#   consortium pages, an event's programme, counts, the feed — on the site and in the API.
# - PUBLIC: has a public page and API detail, is citable and its files downloadable. A
#   withdrawn finding keeps its page (marked withdrawn) but leaves every list.

#: States shown in lists, search, facets, counts and event programmes.
LISTED_STATES = frozenset({S.PUBLISHED})

#: States whose page is public (marked withdrawn where so); a finding that was ever public
#: cannot be deleted.
PUBLIC_STATES = frozenset({S.PUBLISHED, S.WITHDRAWN})


def _state_list(states) -> str:
    labels = [f'"{FindingStatus(s).label}"' for s in sorted(states)]
    return get_text_list(labels, _("or"))


def transition_for(action: str) -> Transition:
    return TRANSITIONS[ReviewDecision(action)]


def can_transition(status: str, action: str) -> bool:
    return status in transition_for(action).sources


def check_transition(status: str, action: str) -> Transition:
    """The transition for ``action`` from ``status``, or ``TransitionNotAllowed``."""
    transition = transition_for(action)
    if status not in transition.sources:
        raise TransitionNotAllowed(
            _(
                'You cannot %(verb)s this finding while its status is "%(status)s"; this is '
                "only possible when it is %(states)s."
            )
            % {
                "verb": transition.verb,
                "status": FindingStatus(status).label,
                "states": _state_list(transition.sources),
            }
        )
    return transition


def check_comment(action: str, comment: str) -> str:
    """The comment stripped, or ``CommentRequired`` if the step needs one and has none."""
    transition = transition_for(action)
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise CommentRequired(
            f"Please say why in a comment: you cannot {transition.verb} a finding without one,"
            " and the members will read it."
        )
    return comment
