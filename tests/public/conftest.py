import datetime as dt

import pytest

from consortia.enums import MembershipRole
from events.enums import SessionKind
from findings.enums import FindingStatus
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    KeyPointFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublishedFindingFactory,
    SessionFactory,
    SourceFactory,
    ThemeFactory,
    sdg,
)

UNPUBLISHED = [
    FindingStatus.DRAFT,
    FindingStatus.SUBMITTED,
    FindingStatus.CHANGES_REQUESTED,
    FindingStatus.REJECTED,
]


def build_programme(scale: int) -> dict:
    """`scale` consortia, each with a lead and two partners, two published findings (themes,
    SDGs, countries, a source) and a draft; one event whose panel has a presentation per
    consortium and whose breakouts session has a breakout per theme with key points."""
    themes = [ThemeFactory() for _ in range(max(2, scale // 2))]
    goals = [sdg(8), sdg(11)]
    event = EventFactory()
    panel = SessionFactory(event=event, position=1, moderator=PersonFactory())
    breakouts = SessionFactory(event=event, position=2, kind=SessionKind.BREAKOUTS)
    consortia, findings = [], []
    for index in range(scale):
        consortium = ConsortiumFactory()
        MembershipFactory(consortium=consortium, role=MembershipRole.LEAD)
        MembershipFactory.create_batch(2, consortium=consortium)
        theme = themes[index % len(themes)]
        published = [
            PublishedFindingFactory(
                consortium=consortium,
                themes=[theme],
                sdgs=goals[: 1 + index % 2],
                countries=["FR", "ES"],
            )
            for _ in range(2)
        ]
        for finding in published:
            SourceFactory(finding=finding)
        FindingFactory(consortium=consortium, themes=[theme])
        contribution = ContributionFactory(session=panel, position=index + 1, consortium=consortium)
        contribution.findings.set(published)
        consortia.append(consortium)
        findings.extend(published)
    for index, theme in enumerate(themes):
        breakout = BreakoutFactory(session=breakouts, position=index + 1, theme=theme)
        breakout.participants.set([PersonFactory()])
        KeyPointFactory.create_batch(2, breakout=breakout)
        breakout.findings.set([f for f in findings if theme in f.themes.all()][:3])
    return {
        "themes": themes,
        "consortia": consortia,
        "findings": findings,
        "event": event,
        "person": panel.contributions.first().person,
        "moderator": panel.moderator,
        "organisation": consortia[0].memberships.first().organisation,
    }


@pytest.fixture
def published_finding(db):
    theme = ThemeFactory(name="Legal frameworks", slug="legal-frameworks")
    consortium = ConsortiumFactory(short_name="PL4SE-PLP", slug="pl4se-plp")
    MembershipFactory(
        consortium=consortium,
        role=MembershipRole.LEAD,
        organisation=OrganisationFactory(name="CEPES", slug="cepes", country="ES"),
    )
    return PublishedFindingFactory(
        consortium=consortium,
        title="Many legal entities, one set of values",
        slug="many-legal-entities",
        summary="Advanced legal frameworks recognise the values the SSE shares.",
        body="Tailored **support programmes** are part of the legal ecosystem.",
        themes=[theme],
        sdgs=[sdg(8)],
        countries=["ES", "BR"],
        published_at=dt.datetime(2021, 12, 2, 10, 0, tzinfo=dt.UTC),
    )
