"""Events as iCalendar (RFC 5545), so readers can put them in their own calendars."""

import datetime as dt

import icalendar
from django.conf import settings

from plp_portal.plain_text import calendar_text

from .models import Event

PRODUCT_ID = "-//PLP Portal//Events//EN"


def event_as_vevent(event: Event, *, url: str) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@plp-portal")
    vevent.add("summary", calendar_text(event.title))
    vevent.add("url", url)
    vevent.add("dtstamp", event_stamp(event))
    if event.has_programme:
        # Wall-clock times in the event's own zone; the VTIMEZONE is added to the calendar.
        vevent.add("dtstart", event.starts_at.astimezone(event.zone))
        vevent.add("dtend", event.ends_at.astimezone(event.zone))
    else:
        # Only the days are known: an all-day event, its end day exclusive as RFC 5545 wants.
        vevent.add("dtstart", event.starts_at.astimezone(event.zone).date())
        vevent.add("dtend", event.ends_at.astimezone(event.zone).date() + dt.timedelta(days=1))
    location = event.venue or event.get_format_display()
    vevent.add("location", calendar_text(location))
    vevent.add("description", calendar_text(event_description(event, url=url)))
    return vevent


def event_stamp(event: Event) -> dt.datetime:
    # A stable stamp keeps the file identical while the event is unchanged.
    return event.starts_at.astimezone(dt.UTC)


def event_description(event: Event, *, url: str) -> str:
    lines = [event.summary] if event.summary else []
    if event.schedule_note:
        lines.append(event.schedule_note)
    sessions = [session.title for session in event.sessions.all()]
    if sessions:
        lines.append("Programme:")
        lines.extend(f"{number}. {title}" for number, title in enumerate(sessions, start=1))
    lines.append(url)
    return "\n".join(lines)


def calendar_for(events, *, url_for) -> bytes:
    """An iCalendar file of `events`; `url_for(event)` gives each event's public address."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.SITE_NAME)
    for event in events:
        calendar.add_component(event_as_vevent(event, url=url_for(event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()
