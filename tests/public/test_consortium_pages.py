import re

from django.urls import reverse

from consortia.enums import MembershipRole
from events.enums import EventStatus
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublishedFindingFactory,
    SessionFactory,
)


def test_consortium_list_shows_lead_and_count_of_published_findings(client, db):
    consortium = ConsortiumFactory(short_name="SILK", slug="silk")
    MembershipFactory(
        consortium=consortium,
        role=MembershipRole.LEAD,
        organisation=OrganisationFactory(name="DIESIS Network", country="BE"),
    )
    PublishedFindingFactory.create_batch(2, consortium=consortium)
    FindingFactory(consortium=consortium)

    response = client.get(reverse("consortia:consortium_list"))

    html = response.content.decode()
    assert [c.published_count for c in response.context["consortia"]] == [2]
    assert ">DIESIS Network</a> (Belgium)</dd>" in html
    assert "<div><dt>Published findings</dt><dd>2</dd></div>" in html


def test_consortium_detail_shows_organisations_with_countries_findings_and_presentations(
    client, db
):
    consortium = ConsortiumFactory(short_name="SILK", slug="silk")
    MembershipFactory(
        consortium=consortium,
        role=MembershipRole.LEAD,
        organisation=OrganisationFactory(name="DIESIS Network", country="BE"),
    )
    MembershipFactory(
        consortium=consortium, organisation=OrganisationFactory(name="Coop Europe", country="IT")
    )
    PublishedFindingFactory(consortium=consortium, title="Intangible assets matter")
    FindingFactory(consortium=consortium, title="Draft idea")
    ContributionFactory(
        consortium=consortium,
        person=PersonFactory(given_name="Gianluca", family_name="Pastorelli"),
        session=SessionFactory(title="What did we learn?"),
    )
    ContributionFactory(
        consortium=consortium,
        session=SessionFactory(title="Rehearsal", event=EventFactory(status=EventStatus.DRAFT)),
    )

    html = client.get("/en/consortia/silk/").content.decode()

    members = re.findall(r'<a href="/en/organisations/[^"]+">([^<]+)</a>', html)
    assert members == ["DIESIS Network", "Coop Europe"]
    assert '<span class="badge">Lead</span>' in html
    assert '<span class="muted">Belgium</span>' in html
    assert "Intangible assets matter" in html
    assert "Draft idea" not in html
    assert "presented by <a href=" in html and ">Gianluca Pastorelli</a>" in html
    assert "Rehearsal" not in html


def test_consortium_detail_of_unknown_slug_is_404(client, db):
    assert client.get("/en/consortia/nobody/").status_code == 404


def test_organisation_detail_shows_memberships_and_people_without_email(client, db):
    organisation = OrganisationFactory(name="CEPES", slug="cepes", country="ES")
    MembershipFactory(
        organisation=organisation,
        role=MembershipRole.LEAD,
        consortium=ConsortiumFactory(short_name="PL4SE-PLP"),
    )
    PersonFactory(
        given_name="Carlos",
        family_name="Lozano",
        affiliation=organisation,
        email="carlos@example.org",
    )

    html = client.get("/en/organisations/cepes/").content.decode()

    assert ">PL4SE-PLP</a>: lead organisation</li>" in html
    assert ">Carlos Lozano</a>" in html
    assert "carlos@example.org" not in html
    assert "<title>CEPES · PLP Portal</title>" in html


def test_person_detail_shows_roles_at_published_events_and_no_email(client, db):
    person = PersonFactory(
        given_name="Max", family_name="Bulakovskiy", slug="max", email="max@example.org"
    )
    SessionFactory(title="What did we learn?", moderator=person)
    SessionFactory(title="Rehearsal", moderator=person, event=EventFactory(status="draft"))
    BreakoutFactory(title="Raising SSE visibility", rapporteur=person)
    ContributionFactory(person=person, session=SessionFactory(title="Closing remarks"))

    html = client.get("/en/people/max/").content.decode()

    roles = re.findall(
        r'<li><span class="role">(\w+)</span> (?:of|in) (?:the breakout )?“([^”]+)”', html
    )
    assert roles == [
        ("Moderator", "What did we learn?"),
        ("Presenter", "Closing remarks"),
        ("Rapporteur", "Raising SSE visibility"),
    ]
    assert "max@example.org" not in html
    assert "<h1>Max Bulakovskiy</h1>" in html


def test_person_detail_of_unknown_slug_is_404(client, db):
    assert client.get("/en/people/nobody/").status_code == 404


def test_organisation_detail_of_unknown_slug_is_404(client, db):
    assert client.get("/en/organisations/nobody/").status_code == 404


def test_person_detail_lists_breakouts_joined_at_published_events(client, db):
    person = PersonFactory(slug="ana")
    BreakoutFactory(title="Measuring impact").participants.add(person)
    rehearsal = BreakoutFactory(
        title="Rehearsal breakout",
        session=SessionFactory(kind="breakouts", event=EventFactory(status=EventStatus.DRAFT)),
    )
    rehearsal.participants.add(person)

    html = client.get("/en/people/ana/").content.decode()

    roles = re.findall(r'<li><span class="role">(\w+)</span> in the breakout “([^”]+)”', html)
    assert roles == [("Participant", "Measuring impact")]


def test_person_detail_without_published_appearances_says_so(client, db):
    person = PersonFactory(slug="ana")
    SessionFactory(title="Rehearsal", moderator=person, event=EventFactory(status="draft"))

    html = client.get("/en/people/ana/").content.decode()

    assert '<p class="empty">No appearance at a published event.</p>' in html
    assert "Rehearsal" not in html


def test_consortium_detail_without_published_presentations_says_so(client, db):
    consortium = ConsortiumFactory(slug="silk")
    ContributionFactory(
        consortium=consortium,
        session=SessionFactory(title="Rehearsal", event=EventFactory(status=EventStatus.DRAFT)),
    )

    html = client.get("/en/consortia/silk/").content.decode()

    assert '<p class="empty">No presentation at a published event yet.</p>' in html
    assert '<p class="empty">No published findings yet.</p>' in html
    assert "Rehearsal" not in html
