"""The life cycle of an output: the findings' table (``findings.workflow``), with its own
sentences.

Outputs go through the same review as findings: the same steps from the same states to the
same states, taken by the same people (the predicates of ``findings.permissions``). Only what
is said differs ("this output"), one whole sentence per refusal, so translators see whole
sentences. Ask ``workflow.refusal(…, table=OUTPUT_TRANSITIONS)`` and friends, or the
shortcuts below.
"""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from . import permissions as can
from . import workflow
from .enums import ReviewDecision as D

#: A coordinator vouches for others' records, never their own.
signs_off_output = can.is_coordinator & (~can.is_author).explained(
    _("You recorded this output yourself: another coordinator of %(consortium)s must sign it off.")
)

_SENTENCES = {
    D.SUBMIT: {
        "refused": _("Only members of %(consortium)s can submit this output."),
        "wrong_state": _(
            'This output cannot be submitted while its status is "%(status)s": members '
            "submit drafts and outputs with changes requested."
        ),
        "done": _("“%(finding)s” was submitted for review."),
    },
    D.APPROVE: {
        "who": signs_off_output,
        "refused": _("Only a coordinator of %(consortium)s can sign this output off."),
        "wrong_state": _(
            'This output cannot be signed off while its status is "%(status)s": only an '
            "output awaiting the coordinator's sign-off can."
        ),
    },
    D.SEND_BACK: {
        "who": signs_off_output,
        "refused": _("Only a coordinator of %(consortium)s can send this output back."),
        "wrong_state": _(
            'This output cannot be sent back while its status is "%(status)s": only an '
            "output awaiting the coordinator's sign-off can."
        ),
        "comment_missing": _(
            "Please say in a comment what to change before you send the output back: "
            "its members will read it."
        ),
    },
    D.PUBLISH: {
        "refused": _("Only curators can publish outputs."),
        "wrong_state": _(
            'You cannot publish this output while its status is "%(status)s"; this is '
            'only possible when it is "Submitted for review".'
        ),
    },
    D.REQUEST_CHANGES: {
        "refused": _("Only curators can request changes to outputs."),
        "wrong_state": _(
            'Changes cannot be requested while the output\'s status is "%(status)s": '
            'only while it is "Submitted for review".'
        ),
        "comment_missing": _(
            "Please say why in a comment: you cannot request changes to an output without "
            "one, and the members will read it."
        ),
    },
    D.REJECT: {
        "refused": _("Only curators can reject outputs."),
        "wrong_state": _(
            'You cannot reject this output while its status is "%(status)s"; this is '
            'only possible when it is "Submitted for review".'
        ),
        "comment_missing": _(
            "Please say why in a comment: you cannot reject an output without one, and "
            "the members will read it."
        ),
    },
    D.WITHDRAW: {
        "refused": _("Only curators can withdraw outputs."),
        "wrong_state": _(
            'You cannot withdraw this output while its status is "%(status)s"; this is '
            'only possible when it is "Published".'
        ),
        "comment_missing": _(
            "Please say why in a comment: you cannot withdraw an output without one, and "
            "the members will read it."
        ),
    },
}

#: The findings' steps with the outputs' sentences; no decision is kept pending.
OUTPUT_TRANSITIONS: workflow.Table = {
    action: replace(transition, may_be_pending=False, **_SENTENCES[action])
    for action, transition in workflow.TRANSITIONS.items()
}


def refusal(user, output, action: str):
    return workflow.refusal(user, output, action, OUTPUT_TRANSITIONS)


def check(user, output, action: str) -> workflow.Transition:
    return workflow.check(user, output, action, OUTPUT_TRANSITIONS)


def available(user, output, door: str | None = None) -> list[workflow.Transition]:
    return workflow.available(user, output, door, OUTPUT_TRANSITIONS)


def check_comment(action: str, comment: str) -> str:
    return workflow.check_comment(action, comment, OUTPUT_TRANSITIONS)
