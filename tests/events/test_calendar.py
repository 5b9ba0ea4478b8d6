"""Events as iCalendar files: the right wall-clock times in the event's own zone."""

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from tests.factories import EventFactory


def parse(response) -> list:
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


@pytest.mark.django_db
def test_event_calendar_has_paris_wall_clock_times_and_timezone(client, demo):
    response = client.get("/en/events/mainstreaming-the-sse-2021/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    [vevent] = parse(response)
    assert vevent["summary"] == (
        "Mainstreaming the Social and Solidarity Economy: "
        "Perspectives from the Peer-learning Partnerships"
    )
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    assert (start.isoformat(), end.isoformat()) == (
        "2021-12-02T13:00:00+01:00",
        "2021-12-02T15:30:00+01:00",
    )
    assert str(vevent["dtstart"].params["TZID"]) == "Europe/Paris"
    assert b"BEGIN:VTIMEZONE" in response.content
    assert vevent["url"] == "http://testserver/en/events/mainstreaming-the-sse-2021/"
    assert "4. Closing remarks" in str(vevent["description"])


@pytest.mark.django_db
def test_event_without_programme_is_all_day_with_exclusive_end(client, demo):
    # The demo's conference, on the dates it was rescheduled to.
    response = client.get("/en/events/global-action-final-conference/calendar.ics")

    [vevent] = parse(response)
    assert (vevent.decoded("dtstart").isoformat(), vevent.decoded("dtend").isoformat()) == (
        "2023-03-20",
        "2023-03-22",
    )


@pytest.mark.django_db
def test_draft_event_has_no_calendar(client):
    EventFactory(slug="in-preparation", status="draft")

    assert client.get("/en/events/in-preparation/calendar.ics").status_code == 404


@pytest.mark.django_db
def test_all_events_calendar_lists_published_events_in_order(client, demo):
    EventFactory(slug="in-preparation", status="draft")

    response = client.get("/en/events/calendar.ics")

    assert [str(v["summary"]) for v in parse(response)] == [
        "Mainstreaming the Social and Solidarity Economy: "
        "Perspectives from the Peer-learning Partnerships",
        "Global Action Final Conference",
    ]


@pytest.mark.django_db
def test_all_events_calendar_query_count_is_fixed(client, demo, django_assert_max_num_queries):
    for number in range(10):
        EventFactory(slug=f"extra-{number}")

    # The events with their sessions, and one for the schedule histories, as the demo's
    # conference has one (none when no event in the calendar has moved).
    with django_assert_max_num_queries(4):
        client.get("/en/events/calendar.ics")


@pytest.mark.django_db
def test_all_events_calendar_holds_upcoming_events_and_past_ones_of_two_years_or_the_last_ten(
    client,
):
    now = timezone.now()

    def event(slug, days_from_now):
        start = now + dt.timedelta(days=days_from_now)
        return EventFactory(slug=slug, starts_at=start, ends_at=start + dt.timedelta(hours=2))

    event("next-month", 30)
    event("last-year", -365)
    for n in range(10):
        event(f"long-ago-{n}", -3 * 365 - n)  # the 10th latest past event is among these

    response = client.get("/en/events/calendar.ics")

    urls = [str(v["url"]).split("/")[-2] for v in parse(response)]
    assert urls == [
        *[f"long-ago-{n}" for n in reversed(range(9))],
        "last-year",
        "next-month",
    ]
