"""A rescheduled, a postponed and a cancelled event in every output: the page, the list, the
calendars, the API, the feeds and the sitemap all show the current state and say what
changed."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import scheduling
from events.models import Event
from tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
ATOM = "{http://www.w3.org/2005/Atom}"
PARIS_SUMMER = "CEST (UTC+02:00), Europe/Paris"
MOVED_SENTENCE = (
    f"This event was rescheduled on 3 March 2030 from Monday 10 June 2030, 10:00–12:00 "
    f"{PARIS_SUMMER} to Sunday 15 September 2030, 10:00–12:00 {PARIS_SUMMER}."
)
POSTPONED_SENTENCE = (
    "This event was postponed on 4 March 2030. It was planned for 1–2 July 2030; new dates "
    "will be announced."
)
CANCELLED_SENTENCE = "This event was cancelled. It was planned for 1 August 2030."


@pytest.fixture
def moved(db) -> dict[str, Event]:
    """Three upcoming events in Paris, changed in this order: rescheduled (with times),
    postponed and cancelled (days only)."""
    rescheduled = EventFactory(
        slug="partners-meeting",
        title="Partners meeting",
        starts_at=dt.datetime(2030, 6, 10, 8, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 6, 10, 10, 0, tzinfo=UTC),
    )
    scheduling.reschedule(
        rescheduled,
        starts_at=dt.datetime(2030, 9, 15, 8, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 9, 15, 10, 0, tzinfo=UTC),
        changed_on=dt.date(2030, 3, 3),
        reason="The venue is being renovated.",
    )
    postponed = EventFactory(
        slug="regional-forum",
        title="Regional forum",
        starts_at=dt.datetime(2030, 6, 30, 22, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 7, 2, 21, 59, tzinfo=UTC),
        has_programme=False,
    )
    scheduling.postpone(postponed, changed_on=dt.date(2030, 3, 4))
    cancelled = EventFactory(
        slug="closing-workshop",
        title="Closing workshop",
        starts_at=dt.datetime(2030, 7, 31, 22, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 8, 1, 21, 59, tzinfo=UTC),
        has_programme=False,
    )
    scheduling.cancel(cancelled, changed_on=None, reason="Too few registrations.")
    events = {"rescheduled": rescheduled, "postponed": postponed, "cancelled": cancelled}
    for event in events.values():
        event.refresh_from_db()
    return events


# The event's page.


def banner(html: str) -> str:
    [found] = re.findall(r'<div class="banner banner--schedule.*?</div>', html, re.S)
    return re.sub(r"\s*\n\s*", "", found)


def when_line(html: str) -> str:
    [found] = re.findall(r'<p class="event-when">.*?</p>', html, re.S)
    return found


def test_page_of_a_rescheduled_event_says_from_what_to_what_and_offers_its_calendar(client, moved):
    html = client.get("/en/events/partners-meeting/").content.decode()

    assert banner(html) == (
        '<div class="banner banner--schedule banner--rescheduled" role="region" '
        'aria-labelledby="schedule-notice-title">'
        '<h2 class="banner__title" id="schedule-notice-title">This event has moved</h2>'
        f"<p>{MOVED_SENTENCE}</p><p>The venue is being renovated.</p></div>"
    )
    assert when_line(html) == (
        '<p class="event-when"><strong class="schedule-tag schedule-tag--rescheduled">'
        'Rescheduled</strong> <time datetime="2030-09-15T10:00:00+02:00">'
        f"Sunday 15 September 2030, 10:00–12:00 {PARIS_SUMMER}</time></p>"
    )
    assert 'href="/en/events/partners-meeting/calendar.ics"' in html


def test_page_of_a_postponed_event_says_new_dates_will_come_and_offers_no_calendar(client, moved):
    html = client.get("/en/events/regional-forum/").content.decode()

    assert banner(html) == (
        '<div class="banner banner--schedule banner--postponed" role="region" '
        'aria-labelledby="schedule-notice-title">'
        '<h2 class="banner__title" id="schedule-notice-title">This event is postponed</h2>'
        f"<p>{POSTPONED_SENTENCE}</p></div>"
    )
    assert when_line(html) == (
        '<p class="event-when"><strong class="schedule-tag schedule-tag--postponed">'
        "Postponed</strong> New dates to be announced (planned for "
        '<time datetime="2030-07-01T00:00:00+02:00">1–2 July 2030</time>)</p>'
    )
    assert 'href="/en/events/regional-forum/calendar.ics"' not in html


def test_page_of_a_cancelled_event_strikes_its_dates_and_gives_the_reason(client, moved):
    html = client.get("/en/events/closing-workshop/").content.decode()

    assert banner(html) == (
        '<div class="banner banner--schedule banner--cancelled" role="region" '
        'aria-labelledby="schedule-notice-title">'
        '<h2 class="banner__title" id="schedule-notice-title">This event is cancelled</h2>'
        f"<p>{CANCELLED_SENTENCE}</p><p>Too few registrations.</p></div>"
    )
    assert when_line(html) == (
        '<p class="event-when"><strong class="schedule-tag schedule-tag--cancelled">'
        'Cancelled</strong> <del><time datetime="2030-08-01T00:00:00+02:00">1 August 2030'
        "</time></del></p>"
    )
    assert 'href="/en/events/closing-workshop/calendar.ics"' not in html
    # Nor does it promise a programme.
    assert '<p class="empty">No programme was published for this event.</p>' in html


def test_page_lists_earlier_changes_under_the_latest(client, moved):
    event = moved["postponed"]
    scheduling.reschedule(
        event,
        starts_at=dt.datetime(2030, 10, 5, 22, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 10, 6, 21, 59, tzinfo=UTC),
        changed_on=dt.date(2030, 5, 2),
    )

    html = banner(client.get(event.get_absolute_url()).content.decode())

    assert (
        "<p>This event was rescheduled on 2 May 2030 from 1–2 July 2030 to 6 October 2030.</p>"
    ) in html
    assert re.findall(r"<li>(.*?)</li>", html) == [POSTPONED_SENTENCE]


def test_page_in_french_tells_the_change_in_french(client, moved):
    html = client.get("/fr/events/closing-workshop/").content.decode()

    assert "<p>Cet événement a été annulé. Il était prévu le 1 août 2030.</p>" in banner(html)


def test_page_of_an_event_that_never_moved_has_no_notice_nor_tag(client, db):
    event = EventFactory()

    html = client.get(event.get_absolute_url()).content.decode()

    assert "banner--schedule" not in html
    assert "schedule-tag" not in html


def test_page_with_a_schedule_history_costs_one_query_more_than_without(client, moved):
    # The history is read only for an event that has one (events.selectors.event_programme).
    EventFactory(slug="never-moved")

    def queries(slug: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("events:event_detail", args=[slug])).status_code == 200
        return len(captured)

    assert queries("partners-meeting") == queries("never-moved") + 1


# The list of events.


def test_event_list_marks_each_state_on_its_card(client, moved):
    html = client.get(reverse("events:event_list")).content.decode()

    # Upcoming, by date: the postponed forum (planned 1 July), the cancelled workshop (1 August),
    # the rescheduled meeting (now 15 September).
    assert re.findall(r'<strong class="schedule-tag schedule-tag--(\w+)">(\w+)</strong>', html) == [
        ("postponed", "Postponed"),
        ("cancelled", "Cancelled"),
        ("rescheduled", "Rescheduled"),
    ]


def test_home_page_names_as_next_event_one_that_will_take_place(client, moved):
    html = client.get(reverse("events:home")).content.decode()

    # The cancelled workshop is not "next"; the postponed forum still is, marked as such.
    assert re.findall(r'<h3 class="card__title"><a href="/en/events/([^/]+)/"', html)[0] == (
        "regional-forum"
    )
    assert "closing-workshop" not in html


# Calendars.


def vevents(response) -> dict[str, icalendar.Event]:
    return {
        str(vevent["url"]).split("/")[-2]: vevent
        for vevent in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }


def stamp(event: Event) -> dt.datetime:
    return event.updated_at.replace(microsecond=0)


def test_subscribed_calendar_keeps_every_moved_event_with_its_status_and_sequence(client, moved):
    response = client.get(reverse("events:events_calendar"))

    found = vevents(response)
    assert {
        slug: (
            str(vevent["summary"]),
            str(vevent["status"]),
            vevent.decoded("sequence"),
            vevent.decoded("dtstamp"),
            vevent.decoded("last-modified"),
            str(vevent["uid"]),
        )
        for slug, vevent in found.items()
    } == {
        "partners-meeting": (
            "Partners meeting",
            "CONFIRMED",
            1,
            stamp(moved["rescheduled"]),
            stamp(moved["rescheduled"]),
            f"event-{moved['rescheduled'].pk}@plp-portal",
        ),
        "regional-forum": (
            "Postponed: Regional forum",
            "TENTATIVE",
            1,
            stamp(moved["postponed"]),
            stamp(moved["postponed"]),
            f"event-{moved['postponed'].pk}@plp-portal",
        ),
        "closing-workshop": (
            "Cancelled: Closing workshop",
            "CANCELLED",
            1,
            stamp(moved["cancelled"]),
            stamp(moved["cancelled"]),
            f"event-{moved['cancelled'].pk}@plp-portal",
        ),
    }
    assert found["partners-meeting"].decoded("dtstart").isoformat() == "2030-09-15T10:00:00+02:00"
    # The postponed event keeps the days it was planned for, the cancelled one its day.
    assert found["regional-forum"].decoded("dtstart").isoformat() == "2030-07-01"
    assert found["closing-workshop"].decoded("dtstart").isoformat() == "2030-08-01"
    assert str(found["partners-meeting"]["description"]) == (
        f"{MOVED_SENTENCE} The venue is being renovated.\n"
        "http://testserver/en/events/partners-meeting/"
    )
    assert str(found["closing-workshop"]["description"]) == (
        f"{CANCELLED_SENTENCE} Too few registrations.\n"
        "http://testserver/en/events/closing-workshop/"
    )


def test_an_events_own_calendar_entry_keeps_its_uid_and_raises_its_sequence_when_it_moves(
    client, db, django_capture_on_commit_callbacks
):
    event = EventFactory(
        slug="moving",
        starts_at=dt.datetime(2030, 6, 10, 8, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 6, 10, 10, 0, tzinfo=UTC),
    )
    Event.objects.filter(pk=event.pk).update(updated_at=dt.datetime(2029, 1, 1, tzinfo=UTC))
    before = vevents(client.get(reverse("events:event_calendar", args=["moving"])))["moving"]

    with django_capture_on_commit_callbacks(execute=True):  # retires the cached file
        scheduling.cancel(event, changed_on=None)
    after = vevents(client.get(reverse("events:event_calendar", args=["moving"])))["moving"]

    event.refresh_from_db()
    assert (str(before["uid"]), str(before["status"]), before.decoded("sequence")) == (
        f"event-{event.pk}@plp-portal",
        "CONFIRMED",
        0,
    )
    assert before.decoded("dtstamp") == dt.datetime(2029, 1, 1, tzinfo=UTC)
    assert (str(after["uid"]), str(after["status"]), after.decoded("sequence")) == (
        f"event-{event.pk}@plp-portal",
        "CANCELLED",
        1,
    )
    assert after.decoded("dtstamp") == stamp(event)


def test_calendar_of_moved_events_costs_one_query_more_than_without(
    client, moved, django_assert_max_num_queries
):
    # The histories of all the calendar's events are read at once, whatever their number.
    for number in range(5):
        scheduling.cancel(EventFactory(slug=f"more-{number}"), changed_on=None)

    with django_assert_max_num_queries(4):
        client.get(reverse("events:events_calendar"))


# The API.


def test_api_list_gives_each_events_schedule_status(client, moved):
    EventFactory(slug="never-moved")

    results = client.get("/api/v1/events/").json()["results"]

    assert {item["slug"]: item["schedule_status"] for item in results} == {
        "partners-meeting": "rescheduled",
        "regional-forum": "postponed",
        "closing-workshop": "cancelled",
        "never-moved": "scheduled",
    }


def test_api_list_filters_by_schedule_status_and_refuses_an_unknown_one(client, moved):
    response = client.get("/api/v1/events/?schedule_status=cancelled")

    assert [item["slug"] for item in response.json()["results"]] == ["closing-workshop"]
    assert client.get("/api/v1/events/?schedule_status=moved").status_code == 400


def test_api_detail_lists_the_changes_with_the_dates_before_and_after(client, moved):
    data = client.get("/api/v1/events/partners-meeting/").json()

    change = moved["rescheduled"].schedule_changes.get()
    assert (data["schedule_status"], data["starts_at"], data["ends_at"]) == (
        "rescheduled",
        "2030-09-15T10:00:00+02:00",
        "2030-09-15T12:00:00+02:00",
    )
    assert dt.datetime.fromisoformat(data["updated_at"]) == moved["rescheduled"].updated_at
    [listed] = data["schedule_changes"]
    assert dt.datetime.fromisoformat(listed.pop("recorded_at")) == change.recorded_at
    assert listed == {
        "kind": "rescheduled",
        "changed_on": "2030-03-03",
        "previous_starts_at": "2030-06-10T10:00:00+02:00",
        "previous_ends_at": "2030-06-10T12:00:00+02:00",
        "new_starts_at": "2030-09-15T10:00:00+02:00",
        "new_ends_at": "2030-09-15T12:00:00+02:00",
        "reason": "The venue is being renovated.",
    }


@pytest.mark.parametrize(
    ("slug", "kind", "changed_on", "reason"),
    [
        ("regional-forum", "postponed", "2030-03-04", ""),
        ("closing-workshop", "cancelled", None, "Too few registrations."),
    ],
)
def test_api_detail_of_postponed_and_cancelled_events_has_no_new_dates(
    client, moved, slug, kind, changed_on, reason
):
    data = client.get(f"/api/v1/events/{slug}/").json()

    [listed] = data["schedule_changes"]
    assert (data["schedule_status"], listed["kind"], listed["changed_on"], listed["reason"]) == (
        kind,
        kind,
        changed_on,
        reason,
    )
    assert (listed["new_starts_at"], listed["new_ends_at"]) == (None, None)
    assert listed["previous_starts_at"] == data["starts_at"]


def test_api_detail_of_an_event_that_never_moved_has_no_changes(client, db):
    EventFactory(slug="never-moved")

    data = client.get("/api/v1/events/never-moved/").json()

    assert (data["schedule_status"], data["schedule_changes"]) == ("scheduled", [])


# The feeds.


def test_atom_feed_shows_the_current_state_the_latest_change_first(client, moved):
    response = client.get(reverse("events:event_feed_atom"))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    entries = [
        (
            entry.findtext(f"{ATOM}title"),
            dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")),
            entry.findtext(f"{ATOM}summary"),
            entry.findtext(f"{ATOM}id"),
        )
        for entry in feed.iter(f"{ATOM}entry")
    ]
    cancelled, postponed, rescheduled = moved["cancelled"], moved["postponed"], moved["rescheduled"]
    assert entries == [
        (
            "Cancelled: Closing workshop",
            cancelled.updated_at,
            f"{CANCELLED_SENTENCE} Too few registrations.",
            f"tag:plp-portal,event:{cancelled.pk}",
        ),
        (
            "Postponed: Regional forum",
            postponed.updated_at,
            POSTPONED_SENTENCE,
            f"tag:plp-portal,event:{postponed.pk}",
        ),
        (
            "Partners meeting",
            rescheduled.updated_at,
            f"{MOVED_SENTENCE} The venue is being renovated.",
            f"tag:plp-portal,event:{rescheduled.pk}",
        ),
    ]


def test_atom_feed_entry_of_an_event_that_never_moved_gives_its_dates_and_summary(client, db):
    EventFactory(title="Launch", summary="The partnerships start.")

    feed = ET.fromstring(client.get(reverse("events:event_feed_atom")).content)

    [entry] = feed.iter(f"{ATOM}entry")
    assert (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary")) == (
        "Launch",
        "Thursday 2 December 2021, 13:00–15:30 CET (UTC+01:00), Europe/Paris\n\n"
        "The partnerships start.",
    )


def test_rss_feed_shows_the_current_state_dated_by_the_last_change(client, moved):
    response = client.get(reverse("events:event_feed_rss"))

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(response.content).find("channel")
    items = [
        (
            item.findtext("title"),
            item.findtext("pubDate"),
            item.findtext("description"),
            item.findtext("guid"),
            item.find("guid").get("isPermaLink"),
        )
        for item in channel.iter("item")
    ]
    cancelled = moved["cancelled"]
    assert items[0] == (
        "Cancelled: Closing workshop",
        cancelled.updated_at.strftime("%a, %d %b %Y %H:%M:%S +0000"),
        f"{CANCELLED_SENTENCE} Too few registrations.",
        f"tag:plp-portal,event:{cancelled.pk}",
        "false",
    )
    assert [item[0] for item in items[1:]] == ["Postponed: Regional forum", "Partners meeting"]


def test_feeds_are_linked_from_the_event_list_in_each_language(client, db):
    html = client.get("/fr/events/").content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/fr/events/feed.atom"' in html
    assert 'href="/fr/events/feed.rss"' in html


@pytest.mark.parametrize("name", ["events:event_feed_atom", "events:event_feed_rss"])
def test_feeds_cost_two_queries_however_many_events_moved(
    client, moved, name, django_assert_max_num_queries
):
    for number in range(40):  # more than a feed holds
        scheduling.cancel(EventFactory(slug=f"more-{number}"), changed_on=None)

    # The latest 30 events, and the schedule histories of those that moved.
    with django_assert_max_num_queries(2):
        response = client.get(reverse(name))

    assert response.content.count(b"Cancelled: ") == 30


def test_feeds_leave_draft_events_out(client, db):
    EventFactory(slug="in-preparation", title="Rehearsal", status="draft")

    for name in ("events:event_feed_atom", "events:event_feed_rss"):
        assert b"Rehearsal" not in client.get(reverse(name)).content


# The sitemap.


def test_sitemap_lastmod_moves_with_the_change(client, db):
    event = EventFactory(slug="moving")
    Event.objects.filter(pk=event.pk).update(updated_at=dt.datetime(2029, 1, 1, tzinfo=UTC))

    scheduling.cancel(event, changed_on=None)

    event.refresh_from_db()
    xml = client.get("/sitemap-events.xml").content.decode()
    assert re.findall(r"<loc>http://testserver/en/events/moving/</loc><lastmod>([^<]+)<", xml) == [
        event.updated_at.date().isoformat()
    ]
    assert event.updated_at.date() != dt.date(2029, 1, 1)


# Sessions move with the event on its page too.


def test_page_of_a_rescheduled_event_shows_its_sessions_at_their_new_times(client, db):
    event = EventFactory(
        slug="with-times",
        starts_at=dt.datetime(2030, 6, 10, 8, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 6, 10, 10, 0, tzinfo=UTC),
    )
    SessionFactory(
        event=event,
        position=1,
        starts_at=dt.datetime(2030, 6, 10, 8, 15, tzinfo=UTC),
        ends_at=dt.datetime(2030, 6, 10, 9, 0, tzinfo=UTC),
    )
    scheduling.reschedule(
        event,
        starts_at=dt.datetime(2030, 6, 11, 8, 0, tzinfo=UTC),
        ends_at=dt.datetime(2030, 6, 11, 10, 0, tzinfo=UTC),
        changed_on=None,
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert '<time datetime="2030-06-11T10:15:00+02:00">10:15–11:00</time>' in html
