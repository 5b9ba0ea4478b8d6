import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import scheduling
from events.enums import EventStatus
from events.templatetags.event_tags import date_range, event_when, session_times, zone_label
from tests.factories import EventFactory, SessionFactory

DEMO_EVENT_URL = "/en/events/mainstreaming-the-sse-2021/"
ROLE_LINE = re.compile(
    r'<span class="role">(\w+)</span> <a class="person" href="[^"]+">([^<]+)</a>'
)


def test_demo_event_page_shows_every_speaker_moderator_and_rapporteur_in_programme_order(
    client, demo
):
    html = client.get(DEMO_EVENT_URL).content.decode()

    assert ROLE_LINE.findall(html) == [
        ("Speaker", "Karen Maguire"),
        ("Speaker", "Stefan Schleuning"),
        ("Moderator", "Max Bulakovskiy"),
        ("Presenter", "Gianluca Pastorelli"),
        ("Presenter", "Mariana Nunes"),
        ("Presenter", "Carlos Lozano"),
        ("Presenter", "Ingo Michelfelder"),
        ("Presenter", "Ben Carpenter"),
        ("Presenter", "Assiri Valdes Querol"),
        ("Rapporteur", "Alexander Kesselring"),
        ("Rapporteur", "Aneta Qurai Shy"),
        ("Rapporteur", "John Sherman"),
        ("Speaker", "Antonella Noya"),
    ]


def test_demo_event_page_names_the_time_zone_and_lists_breakouts_with_themes(client, demo):
    html = client.get(DEMO_EVENT_URL).content.decode()

    assert "Thursday 2 December 2021, 13:00–15:30 CET (UTC+01:00), Europe/Paris" in html
    assert re.findall(r'<p class="breakout__theme">Theme: <a href="([^"]+)">', html) == [
        "/en/themes/building-better-enabling-ecosystems/",
        "/en/themes/connecting-the-sse-in-the-eu-and-globally/",
        "/en/themes/raising-sse-visibility-and-its-impact/",
    ]
    assert re.findall(r'Presenting <a href="/en/consortia/([^/]+)/">', html) == [
        "silk",
        "impact-hub",
        "pl4se-plp",
        "sim",
        "social-value",
        "respond-rebuild-reinvent",
    ]


def test_demo_event_page_lists_key_points_of_each_breakout(client, demo):
    html = client.get(DEMO_EVENT_URL).content.decode()

    key_point_lists = re.findall(r'<ol class="key-points">(.*?)</ol>', html, re.S)
    assert [len(re.findall("<li>", points)) for points in key_point_lists] == [4, 4, 5]


def test_event_page_of_draft_event_is_404_and_absent_from_list(client, db):
    event = EventFactory(status=EventStatus.DRAFT, title="Rehearsal")

    assert client.get(event.get_absolute_url()).status_code == 404
    assert b"Rehearsal" not in client.get(reverse("events:event_list")).content


def test_event_page_without_programme_shows_dates_only(client, db):
    event = EventFactory(
        title="Global Action Final Conference",
        starts_at=dt.datetime(2022, 12, 13, 23, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2022, 12, 16, 22, 59, tzinfo=dt.UTC),
        has_programme=False,
        format="tba",
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert (
        '<p class="event-when"><time datetime="2022-12-14T00:00:00+01:00">14–16 December 2022'
        "</time></p>"
    ) in html
    # The conference is past: its page never promises a programme.
    assert '<p class="empty">No programme was published for this event.</p>' in html
    assert "will be published later" not in html
    assert "Format not announced" in html


def test_upcoming_event_without_programme_says_it_will_come_and_offers_its_calendar(client, db):
    now = timezone.now()
    event = EventFactory(
        starts_at=now + dt.timedelta(days=30),
        ends_at=now + dt.timedelta(days=31),
        has_programme=False,
        format="tba",
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert '<p class="empty">The detailed programme will be published later.</p>' in html
    assert "Format to be announced" in html
    assert (
        f'<a href="/en/events/{event.slug}/calendar.ics" download>Add to your calendar (.ics)</a>'
    ) in html


def test_upcoming_postponed_event_offers_no_calendar(client, db):
    now = timezone.now()
    event = EventFactory(starts_at=now + dt.timedelta(days=30), ends_at=now + dt.timedelta(days=31))
    scheduling.postpone(event, changed_on=None)

    html = client.get(event.get_absolute_url()).content.decode()

    # Its dates are no longer the event's: nothing offers to put them in a calendar.
    assert f"{event.get_absolute_url()}calendar.ics" not in html


def test_programme_without_session_times_shows_the_events_start_and_end(client, demo):
    html = client.get(DEMO_EVENT_URL).content.decode()

    assert (
        '<p class="zone-note">The event ran 13:00–15:30, CET (UTC+01:00), Europe/Paris. The '
        "sessions followed in this order; their own times were not published.</p>"
    ) in html
    assert "Times are in" not in html


def test_event_list_splits_upcoming_and_past_events(client, db):
    now = timezone.now()
    EventFactory(title="Next one", starts_at=now + dt.timedelta(days=3),
                 ends_at=now + dt.timedelta(days=3, hours=2))  # fmt: skip
    EventFactory(title="Last one")

    response = client.get(reverse("events:event_list"))

    assert [e.title for e in response.context["upcoming_events"]] == ["Next one"]
    assert [e.title for e in response.context["past_events"]] == ["Last one"]


def test_session_times_are_shown_in_the_event_zone(client, db):
    session = SessionFactory(
        title="Opening",
        starts_at=dt.datetime(2021, 12, 2, 12, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2021, 12, 2, 12, 15, tzinfo=dt.UTC),
    )

    html = client.get(session.event.get_absolute_url()).content.decode()

    assert '<time datetime="2021-12-02T13:00:00+01:00">13:00–13:15</time>' in html
    assert "Times are in CET (UTC+01:00), Europe/Paris." in html


def test_zone_label_follows_summer_time():
    summer = dt.datetime(2021, 7, 1, 12, tzinfo=dt.UTC)

    assert zone_label(summer, "Europe/Paris") == "CEST (UTC+02:00), Europe/Paris"


def test_zone_label_of_zone_without_abbreviation_shows_the_offset_only():
    moment = dt.datetime(2021, 12, 2, 12, tzinfo=dt.UTC)

    assert zone_label(moment, "America/Sao_Paulo") == "UTC-03:00, America/Sao_Paulo"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2021, 12, 2), dt.date(2021, 12, 2), "2 December 2021"),
        (dt.date(2022, 12, 14), dt.date(2022, 12, 16), "14–16 December 2022"),
        (dt.date(2022, 11, 30), dt.date(2022, 12, 2), "30 November – 2 December 2022"),
        (dt.date(2022, 12, 31), dt.date(2023, 1, 1), "31 December 2022 – 1 January 2023"),
    ],
)
def test_date_range_is_written_compactly(start, end, expected):
    assert date_range(start, end) == expected


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("es", dt.date(2022, 12, 14), dt.date(2022, 12, 16), "14–16 de diciembre de 2022"),
        (
            "es",
            dt.date(2022, 11, 30),
            dt.date(2022, 12, 2),
            "30 de noviembre – 2 de diciembre de 2022",
        ),
        ("fr", dt.date(2022, 11, 30), dt.date(2022, 12, 2), "30 novembre – 2 décembre 2022"),
    ],
)
def test_date_range_is_written_in_each_languages_own_way(language, start, end, expected):
    with translation.override(language):
        assert date_range(start, end) == expected


def test_event_when_spanning_days_names_both_ends(db):
    event = EventFactory.build(
        starts_at=dt.datetime(2023, 3, 20, 8, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2023, 3, 21, 16, 0, tzinfo=dt.UTC),
        time_zone="Europe/Paris",
    )

    assert event_when(event) == (
        "20 March 2023, 09:00 – 21 March 2023, 17:00 CET (UTC+01:00), Europe/Paris"
    )


def test_session_times_without_times_is_empty(db):
    session = SessionFactory.build(starts_at=None, ends_at=None)

    assert session_times(session, session.event) == ""


def test_names_are_printed_one_way_on_every_page_that_shows_people(client, demo):
    pages = [
        DEMO_EVENT_URL,
        "/en/people/karen-maguire/",
        "/en/consortia/sim/",
        "/en/themes/building-better-enabling-ecosystems/",
        "/en/findings/sim-sdgs-as-impact-measurement-tool/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert re.findall(r"\b(?:MAGUIRE|MICHELFELDER|KESSELRING)\b", html) == [], url
    event = client.get(DEMO_EVENT_URL).content.decode()
    assert '<a class="person" href="/en/people/karen-maguire/">Karen Maguire</a>' in event
    assert '<a class="person" href="/en/people/ingo-michelfelder/">Ingo Michelfelder</a>' in event
