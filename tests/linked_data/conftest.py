"""A small programme whose every public page kind has something to show."""

import datetime as dt

import pytest

from consortia.enums import MembershipRole
from consortia.models import Programme
from events.enums import EventFormat, SessionKind
from findings.enums import FindingStatus
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
    SourceFactory,
    ThemeFactory,
    sdg,
)

# Words only the unpublished findings hold: none may reach any document.
UNPUBLISHED_WORDS = {
    FindingStatus.DRAFT: "Zanzibarquux",
    FindingStatus.SUBMITTED: "Quokkaflint",
    FindingStatus.REJECTED: "Marzipanvolt",
}


@pytest.fixture
def world(db):
    programme = Programme.objects.create(
        name="Global Action", slug="global-action", website="https://example.org/global-action/"
    )
    theme = ThemeFactory(name="Enabling ecosystems")
    consortium = ConsortiumFactory(
        short_name="CITIES",
        title="Social innovation and local knowledge",
        topic="How cities convene the social economy.",
        website="https://silk.example.org/",
    )
    lead = MembershipFactory(
        consortium=consortium,
        role=MembershipRole.LEAD,
        organisation=OrganisationFactory(name="Alpha Network", acronym="AN", country="ES"),
    )
    MembershipFactory(consortium=consortium, organisation=OrganisationFactory(name="Beta Lab"))
    speaker = PersonFactory(
        given_name="Karen",
        family_name="Maguire",
        honorific="Dr",
        position="Head of Division",
        email="karen.private@example.org",
        affiliation=lead.organisation,
    )
    moderator = PersonFactory(
        given_name="Antonella", family_name="Noya", email="antonella.private@example.org"
    )
    published = PublishedFindingFactory(
        consortium=consortium,
        title="Cities convene the social economy",
        summary="Shared platforms work.",
        themes=[theme],
        sdgs=[sdg(8)],
        published_at=dt.datetime(2021, 12, 2, 12, 0, tzinfo=dt.UTC),
    )
    SourceFactory(finding=published, label="White paper", url="https://example.org/paper.pdf")
    unpublished = [
        FindingFactory(
            consortium=consortium,
            status=status,
            title=f"{word} finding",
            summary=f"Only {word} says this.",
            themes=[theme],
        )
        for status, word in UNPUBLISHED_WORDS.items()
    ]
    event = EventFactory(
        title="Mainstreaming the SSE",
        slug="mainstreaming-the-sse",
        programme=programme,
        format=EventFormat.ONLINE,
        venue="Zoom",
        summary="The final event.",
    )
    event.themes.add(theme)
    panel = SessionFactory(
        event=event,
        position=1,
        title="What we learned",
        moderator=moderator,
        starts_at=dt.datetime(2021, 12, 2, 12, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2021, 12, 2, 13, 0, tzinfo=dt.UTC),
    )
    contribution = ContributionFactory(session=panel, person=speaker, consortium=consortium)
    contribution.findings.add(published, *unpublished)
    discussions = SessionFactory(
        event=event, position=2, title="Breakouts", kind=SessionKind.BREAKOUTS
    )
    breakout = BreakoutFactory(session=discussions, theme=theme, rapporteur=moderator)
    breakout.findings.add(published, *unpublished)
    return {
        "event": event,
        "consortium": consortium,
        "lead": lead.organisation,
        "speaker": speaker,
        "moderator": moderator,
        "published": published,
        "theme": theme,
    }
