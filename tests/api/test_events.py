"""Events through the API: published ones only, the whole programme on the detail."""

import datetime as dt

import pytest

from events.enums import EventStatus, SessionKind
from events.models import OutputLaunch
from findings.enums import FindingStatus
from findings.output_enums import OutputType
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    KeyPointFactory,
    OutputFactory,
    PersonFactory,
    PublishedFindingFactory,
    PublishedOutputFactory,
    SessionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

START = dt.datetime(2021, 12, 2, 12, 0, tzinfo=dt.UTC)


def build_programme(event, *, sessions=2):
    """Opening remarks and breakouts, each with people, findings and key points."""
    for n in range(sessions):
        opening = SessionFactory(event=event, position=2 * n + 1, kind=SessionKind.PANEL)
        contribution = ContributionFactory(session=opening, position=1)
        contribution.findings.add(PublishedFindingFactory(consortium=contribution.consortium))
        breakouts = SessionFactory(event=event, position=2 * n + 2, kind=SessionKind.BREAKOUTS)
        breakout = BreakoutFactory(session=breakouts, position=1)
        breakout.participants.add(PersonFactory(), PersonFactory())
        breakout.findings.add(PublishedFindingFactory())
        for position in (2, 1):
            point = KeyPointFactory(breakout=breakout, position=position, text=f"Point {position}")
            point.findings.add(PublishedFindingFactory())
            point.themes.add(ThemeFactory())


def test_event_list_holds_published_events_only(api):
    EventFactory(slug="final-event")
    EventFactory(slug="in-preparation", status=EventStatus.DRAFT)

    response = api.get("/api/v1/events/")

    assert [event["slug"] for event in response.json()["results"]] == ["final-event"]
    assert api.get("/api/v1/events/in-preparation/").status_code == 404


def test_event_times_carry_the_offset_of_the_events_zone(api):
    EventFactory(slug="final-event", starts_at=START, ends_at=START + dt.timedelta(hours=2.5))

    body = api.get("/api/v1/events/final-event/").json()

    assert body["starts_at"] == "2021-12-02T13:00:00+01:00"
    assert body["ends_at"] == "2021-12-02T15:30:00+01:00"
    assert body["time_zone"] == "Europe/Paris"


def test_event_detail_nests_sessions_contributions_and_breakouts(api):
    event = EventFactory(slug="final-event")
    session = SessionFactory(event=event, position=1, title="What did we learn?",
                             starts_at=START, ends_at=START + dt.timedelta(hours=1))  # fmt: skip
    speaker = PersonFactory(slug="gianluca-pastorelli", email="private@example.org")
    contribution = ContributionFactory(session=session, person=speaker, position=1)
    public = PublishedFindingFactory(slug="public-finding")
    contribution.findings.add(public, FindingFactory(slug="secret-draft"))
    breakouts = SessionFactory(event=event, position=2, kind=SessionKind.BREAKOUTS)
    breakout = BreakoutFactory(session=breakouts, position=1, title="Connecting the SSE")
    KeyPointFactory(breakout=breakout, position=2, text="Second")
    KeyPointFactory(breakout=breakout, position=1, text="First").findings.add(public)

    response = api.get("/api/v1/events/final-event/")
    body = response.json()

    assert response.status_code == 200
    assert [s["title"] for s in body["sessions"]] == ["What did we learn?", breakouts.title]
    first = body["sessions"][0]
    assert first["starts_at"] == "2021-12-02T13:00:00+01:00"
    assert first["contributions"][0]["person"]["slug"] == "gianluca-pastorelli"
    assert first["contributions"][0]["consortium"] == contribution.consortium.slug
    assert first["contributions"][0]["findings"] == ["public-finding"]
    reported = body["sessions"][1]["breakouts"][0]
    assert reported["title"] == "Connecting the SSE"
    assert reported["rapporteur"]["slug"] == breakout.rapporteur.slug
    assert reported["theme"]["slug"] == breakout.theme.slug
    assert [(p["position"], p["text"]) for p in reported["key_points"]] == [
        (1, "First"),
        (2, "Second"),
    ]
    assert reported["key_points"][0]["findings"] == ["public-finding"]
    assert "private@example.org" not in response.content.decode()
    assert "secret-draft" not in response.content.decode()


def test_event_detail_queries_do_not_grow_with_the_programme(api, django_assert_num_queries):
    small, large = EventFactory(slug="small"), EventFactory(slug="large")
    build_programme(small, sessions=1)
    build_programme(large, sessions=4)

    OutputLaunch.objects.create(output=PublishedOutputFactory(), event=small)
    for session in large.sessions.all()[:5]:
        OutputLaunch.objects.create(output=PublishedOutputFactory(), event=large, session=session)

    # The programme's relations, and one query for the outputs launched at it.
    with django_assert_num_queries(12) as few:
        api.get("/api/v1/events/small/")
    with django_assert_num_queries(len(few.captured_queries)):
        response = api.get("/api/v1/events/large/")

    assert len(response.json()["sessions"]) == 8
    assert len(response.json()["launched_outputs"]) == 5


def test_event_list_queries_do_not_grow_with_rows(api, django_assert_max_num_queries):
    for _ in range(6):
        EventFactory().themes.add(ThemeFactory())

    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/events/")

    assert response.json()["count"] == 6


def test_event_filters(api):
    theme = ThemeFactory(slug="visibility")
    EventFactory(slug="in-2021").themes.add(theme)
    EventFactory(
        slug="in-2030",
        starts_at=dt.datetime(2030, 3, 20, 9, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 3, 21, 17, tzinfo=dt.UTC),
        format="hybrid",
    )

    def slugs(query):
        return [e["slug"] for e in api.get(f"/api/v1/events/?{query}").json()["results"]]

    assert slugs("year=2021") == ["in-2021"]
    assert slugs("theme=visibility") == ["in-2021"]
    assert slugs("format=hybrid") == ["in-2030"]
    assert slugs("when=upcoming") == ["in-2030"]
    assert slugs("when=past") == ["in-2021"]
    assert slugs("ordering=starts_at") == ["in-2021", "in-2030"]
    assert api.get("/api/v1/events/?when=someday").status_code == 400


def test_an_ordering_of_empty_names_is_a_400(api, db):
    response = api.get("/api/v1/consortia/?ordering=,,")

    assert response.status_code == 400
    assert response.json()["errors"] == {"ordering": ["Name each order once, separated by commas."]}
    assert api.get("/api/v1/consortia/?ordering=").status_code == 200
    assert api.get("/api/v1/events/?ordering=starts_at,,title").status_code == 400


UNPUBLISHED = [
    FindingStatus.DRAFT,
    FindingStatus.AWAITING_SIGNOFF,
    FindingStatus.SUBMITTED,
    FindingStatus.CHANGES_REQUESTED,
    FindingStatus.REJECTED,
    FindingStatus.WITHDRAWN,
]


def test_event_detail_lists_the_published_outputs_launched_there(api):
    event = EventFactory(slug="plp-2022")
    panel = SessionFactory(event=event, position=2, title="Launch panel")
    silk = ConsortiumFactory(slug="silk")
    paper = PublishedOutputFactory(
        consortium=silk, slug="paper", title="Social value", output_type=OutputType.WHITE_PAPER
    )
    atlas = PublishedOutputFactory(
        consortium=silk, slug="atlas", title="Atlas of hubs", output_type=OutputType.DATASET
    )
    OutputLaunch.objects.create(output=paper, event=event, session=panel)
    OutputLaunch.objects.create(output=atlas, event=event)
    OutputLaunch.objects.create(
        output=PublishedOutputFactory(slug="elsewhere"), event=EventFactory()
    )

    body = api.get("/api/v1/events/plp-2022/").json()

    assert body["launched_outputs"] == [
        {
            "slug": "atlas",
            "title": "Atlas of hubs",
            "type": "dataset",
            "consortium": "silk",
            "session": None,
            "url": "http://testserver/api/v1/outputs/atlas/",
            "html_url": "http://testserver/en/outputs/atlas/",
        },
        {
            "slug": "paper",
            "title": "Social value",
            "type": "white_paper",
            "consortium": "silk",
            "session": 2,
            "url": "http://testserver/api/v1/outputs/paper/",
            "html_url": "http://testserver/en/outputs/paper/",
        },
    ]


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_event_detail_never_lists_an_output_not_published(api, status):
    event = EventFactory(slug="plp-2022")
    OutputLaunch.objects.create(output=OutputFactory(slug="hidden", status=status), event=event)
    OutputLaunch.objects.create(output=PublishedOutputFactory(slug="shown"), event=event)

    response = api.get("/api/v1/events/plp-2022/")

    assert [output["slug"] for output in response.json()["launched_outputs"]] == ["shown"]
    assert "hidden" not in response.content.decode()


def test_event_detail_without_launches_lists_no_outputs(api):
    EventFactory(slug="plp-2022")
    assert api.get("/api/v1/events/plp-2022/").json()["launched_outputs"] == []


def test_event_list_does_not_carry_the_launched_outputs(api):
    event = EventFactory(slug="plp-2022")
    OutputLaunch.objects.create(output=PublishedOutputFactory(), event=event)
    [item] = api.get("/api/v1/events/").json()["results"]
    assert "launched_outputs" not in item
