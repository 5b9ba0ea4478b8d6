"""Generated reactions: a few published findings endorsed, applied or disputed by
organisations outside the writing consortium, most of them published by a curator, some still
waiting in the queue. Enough for the contested filter, the comparison's marks and the
"applied" matches to work on realistic figures. Bulk inserts, as the findings'."""

import datetime as dt
from collections import defaultdict

from consortia.models import Membership, Organisation
from findings.reactions.enums import ReactionKind, ReactionStatus
from findings.reactions.models import Reaction

from .bulk import dates_as_given, insert
from .directory import Directory
from .findings import PublishedFindings
from .plan import rng_for

#: About one published finding in this many draws reactions …
ONE_IN = 25
#: … from one to this many organisations.
MAX_PER_FINDING = 3
KIND_WEIGHTS = {ReactionKind.ENDORSED: 5, ReactionKind.APPLIED: 3, ReactionKind.OTHERWISE: 2}
#: The share a curator has decided on (published); the rest waits in the queue.
PUBLISHED_SHARE = 0.85
NOTES = {
    ReactionKind.ENDORSED: "We recognise this in our own work.",
    ReactionKind.APPLIED: "We tried this in our programme, with our local partners.",
    ReactionKind.OTHERWISE: "",
}
EVIDENCE = "Our own survey of member organisations points the other way in our context."


def insert_reactions(*, seed: int, directory: Directory, published: PublishedFindings) -> int:
    """Insert the reactions to published findings; returns how many."""
    members_of: dict[int, set[int]] = defaultdict(set)
    for organisation, consortium in Membership.objects.values_list(
        "organisation_id", "consortium_id"
    ):
        members_of[consortium].add(organisation)
    everyone = sorted(set().union(*members_of.values())) if members_of else []
    country_of = dict(Organisation.objects.values_list("pk", "country"))
    reactions = []
    for position, facts in enumerate(directory.consortia):
        # By position, not primary key: the same reactions whatever the database's sequences.
        rng = rng_for(seed, "reactions", position)
        outsiders = [pk for pk in everyone if pk not in members_of[facts.pk]]
        if not outsiders:
            continue
        for published_at, finding in published.get(facts.pk, []):
            if rng.randrange(ONE_IN):
                continue
            count = min(len(outsiders), rng.randint(1, MAX_PER_FINDING))
            for organisation in rng.sample(outsiders, count):
                kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
                decided = rng.random() < PUBLISHED_SHARE
                created = published_at + dt.timedelta(days=rng.randint(1, 120))
                reactions.append(
                    Reaction(
                        finding_id=finding,
                        organisation_id=organisation,
                        kind=kind,
                        # Applied at home: the reacting organisation's country.
                        country=country_of[organisation] if kind == ReactionKind.APPLIED else "",
                        note=NOTES[kind],
                        evidence=EVIDENCE if kind == ReactionKind.OTHERWISE else "",
                        status=ReactionStatus.PUBLISHED if decided else ReactionStatus.SUBMITTED,
                        created_at=created,
                        decided_at=created + dt.timedelta(days=3) if decided else None,
                        decided_by_id=directory.curator_ids[0] if decided else None,
                    )
                )
    with dates_as_given(Reaction._meta.get_field("created_at")):
        return len(insert(Reaction, reactions))
