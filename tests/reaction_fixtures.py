"""The cast of the reactions' tests: consortium A (SILK) publishes a finding; consortium B
(PL4SE-PLP), led by "Euclid Network", reacts to it through member B. Imported by the
conftest files that need them."""

import pytest

from consortia.enums import MembershipRole
from findings.reactions import services
from findings.reactions.enums import ReactionKind
from tests.factories import MembershipFactory, OrganisationFactory, PublishedFindingFactory


@pytest.fixture
def organisation_a(consortium_a):
    organisation = OrganisationFactory(name="Social Innovation Lab", slug="silk-lab")
    MembershipFactory(consortium=consortium_a, organisation=organisation, role=MembershipRole.LEAD)
    return organisation


@pytest.fixture
def organisation_b(consortium_b):
    organisation = OrganisationFactory(name="Euclid Network", slug="euclid")
    MembershipFactory(consortium=consortium_b, organisation=organisation, role=MembershipRole.LEAD)
    return organisation


@pytest.fixture
def finding_a(consortium_a, organisation_a):
    return PublishedFindingFactory(
        consortium=consortium_a, slug="finding-a", title="Cities convene the social economy"
    )


@pytest.fixture
def react(member_b, organisation_b, finding_a):
    """A reaction of organisation B to finding A, written by member B (submitted)."""

    def make(kind=ReactionKind.ENDORSED, *, finding=None, organisation=None, **fields):
        if kind == ReactionKind.OTHERWISE:
            fields.setdefault("evidence", "In Lisbon the city was not the convener.")
        if kind == ReactionKind.APPLIED:
            fields.setdefault("country", "PT")
            fields.setdefault("place", "Lisbon")
        return services.reaction_submit(
            finding=finding or finding_a,
            user=member_b,
            organisation=organisation or organisation_b,
            kind=kind,
            **fields,
        )

    return make


@pytest.fixture
def publish_reaction(curator):
    """Publish a reaction as the curator."""

    def publish(reaction):
        return services.reaction_publish(reaction=reaction, user=curator)

    return publish
