"""The demo's provenance: the policy output the event tied the findings to, and the few
endorsements the breakouts' key points bear out. Applied by ``loader.load_programme``; a
second run changes nothing.

What is recorded, and why no more (/work/shared/domain.md is the source):

- At the opening, Stefan SCHLEUNING, speaking for the European Commission, tied the PLP
  findings to the upcoming EU Social Economy Action Plan. The Commission adopted the plan on
  9 December 2021; its official page is the link. It is recorded as a policy uptake of the
  findings presented at the event, saying exactly that: tied to it at the event.
- The breakouts' key points cite findings of two consortia together. Where a key point
  states what one consortium's finding says in the other's terms, the other consortium's
  lead organisation is recorded as endorsing it, with the key point as its note. Nobody is
  recorded as having applied a finding or found otherwise: the sources say neither.
"""

import datetime as dt

from django.db import transaction

from consortia.models import Organisation
from findings.enums import FindingStatus
from findings.models import Finding
from findings.reactions.enums import ReactionKind, ReactionStatus
from findings.reactions.models import PolicyUptake, Reaction

from ..models import Event

ACTION_PLAN = {
    "title": "EU Social Economy Action Plan",
    "kind": "eu_action_plan",
    "issuer": "European Commission",
    "url": "https://ec.europa.eu/social/main.jsp?catId=1537",
    "date": dt.date(2021, 12, 9),
    "description": (
        "At the opening of the Peer-learning Partnerships' final event, Stefan Schleuning, "
        "speaking for the European Commission, tied the findings of the partnerships to the "
        "upcoming EU Social Economy Action Plan, which the Commission adopted on 9 December "
        "2021."
    ),
}

#: (organisation slug, finding slug, the key point that bears the endorsement out).
ENDORSEMENTS = [
    (
        # Social Value (stakeholder engagement) and SIM (the SDGs as an impact framework).
        "social-value-us",
        "sim-sdgs-as-impact-measurement-tool",
        "Key point 3 of the breakout “Raising SSE Visibility and its Impact”: meaningful "
        "stakeholder engagement is required by the SDGs and the SDG Impact Standards.",
    ),
    (
        "social-value-us",
        "sim-toolbox-of-good-practices",
        "Key point 2 of the breakout “Raising SSE Visibility and its Impact”: practitioners "
        "pick the impact measurement approach that fits their context, checking that it "
        "involves meaningful stakeholder engagement.",
    ),
    (
        # Respond, Rebuild, Reinvent (city ecosystems) and PL4SE (legal entities).
        "upsocial",
        "pl4se-legal-entities-and-shared-values",
        "Key point 3 of the breakout “Building Better Enabling Ecosystems”: cities are "
        "intermediaries between national policies, legal forms and funds and their local SSE; "
        "new legal entities need promotion, guidance and monitoring of how they are used.",
    ),
]


@transaction.atomic
def load_provenance(event: Event) -> None:
    presented = Finding.objects.filter(
        contributions__session__event=event, status=FindingStatus.PUBLISHED
    ).distinct()
    plan = PolicyUptake.objects.filter(title=ACTION_PLAN["title"]).first()
    if plan is None:
        plan = PolicyUptake(**ACTION_PLAN)
        plan.full_clean()
        plan.save()
    if set(plan.findings.all()) != set(presented):
        plan.findings.set(presented)
    for organisation_slug, finding_slug, note in ENDORSEMENTS:
        organisation = Organisation.objects.filter(slug=organisation_slug).first()
        finding = Finding.objects.filter(slug=finding_slug, status=FindingStatus.PUBLISHED).first()
        if organisation is None or finding is None:
            continue
        Reaction.objects.get_or_create(
            finding=finding,
            organisation=organisation,
            kind=ReactionKind.ENDORSED,
            status=ReactionStatus.PUBLISHED,
            defaults={"note": note},
        )
