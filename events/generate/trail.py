"""The review trail a finding in each state has behind it, as the workflow would have written it.

``findings.services`` records one Review per decision and bumps the version on every save:
a published finding was submitted (perhaps sent back for changes and submitted again) and
then published; a withdrawn one was published first. The trail is laid backwards from the
finding's last change, so every date stays inside the generated years.
"""

import datetime as dt
import random
from dataclasses import dataclass

from findings.enums import FindingStatus, ReviewDecision
from findings.workflow import TRANSITIONS

from . import words

S, D = FindingStatus, ReviewDecision

# At scale: about nine findings in ten published, every other state present.
STATUS_WEIGHTS = {
    S.PUBLISHED: 900,
    S.WITHDRAWN: 15,
    S.SUBMITTED: 30,
    S.CHANGES_REQUESTED: 20,
    S.DRAFT: 25,
    S.REJECTED: 10,
}
STATUSES, WEIGHTS = zip(*STATUS_WEIGHTS.items(), strict=True)

# The decisions behind each state, oldest first; a second form adds a round of changes.
DECISIONS = {
    S.DRAFT: ([],),
    S.SUBMITTED: ([D.SUBMIT], [D.SUBMIT, D.REQUEST_CHANGES, D.SUBMIT]),
    S.CHANGES_REQUESTED: ([D.SUBMIT, D.REQUEST_CHANGES],),
    S.PUBLISHED: ([D.SUBMIT, D.PUBLISH], [D.SUBMIT, D.REQUEST_CHANGES, D.SUBMIT, D.PUBLISH]),
    S.REJECTED: ([D.SUBMIT, D.REJECT],),
    S.WITHDRAWN: ([D.SUBMIT, D.PUBLISH, D.WITHDRAW],),
}


def status_for(number: int, rng: random.Random) -> str:
    """The first findings take each state once, so that even a small run shows them all."""
    if number < len(STATUSES):
        return STATUSES[number]
    return rng.choices(STATUSES, WEIGHTS)[0]


@dataclass(frozen=True)
class Step:
    decision: str
    at: dt.datetime
    by_curator: bool
    comment: str


@dataclass(frozen=True)
class Trail:
    created_at: dt.datetime
    steps: list[Step]
    published_at: dt.datetime | None
    #: One per save: creation, every decision, and each edit answering a change request.
    version: int


def trail_for(status: str, last_change: dt.datetime, rng: random.Random) -> Trail:
    """The decisions that brought a finding to ``status``, the last one at ``last_change``."""
    forms = DECISIONS[status]
    decisions = forms[0] if len(forms) == 1 or rng.random() < 0.8 else forms[1]
    steps, at = [], last_change
    for decision in reversed(decisions):
        by_curator = TRANSITIONS[decision].actor == "curator"
        comment = rng.choice(words.REVIEW_COMMENTS[decision]) if by_curator else ""
        steps.append(Step(decision, at, by_curator, comment))
        at -= dt.timedelta(days=rng.randint(2, 45), minutes=rng.randint(0, 600))
    steps.reverse()
    created_at = at - dt.timedelta(days=rng.randint(3, 120)) if steps else at
    published_at = next((s.at for s in steps if s.decision == D.PUBLISH), None)
    answered = sum(
        1
        for earlier, later in zip(decisions, decisions[1:], strict=False)
        if (earlier, later) == (D.REQUEST_CHANGES, D.SUBMIT)
    )
    return Trail(created_at, steps, published_at, version=1 + len(steps) + answered)
