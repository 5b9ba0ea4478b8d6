"""Events as iCalendar (RFC 5545), so readers can put them in their own calendars."""

import datetime as dt

import icalendar
from django.conf import settings
from django.db.models import prefetch_related_objects

from plp_portal.plain_text import calendar_text

from .enums import ScheduleStatus
from .models import Event
from .schedule_notice import current_notice, titled

PRODUCT_ID = "-//PLP Portal//Events//EN"

# What subscribed calendars (Google, Outlook, Apple) need to follow a change: the same UID,
# a higher SEQUENCE, a later DTSTAMP/LAST-MODIFIED, and the entry still in the feed. An entry
# that disappears is deleted without a word by Google and Outlook, so a reader who planned to
# go would never learn why. So cancelled events stay (STATUS:CANCELLED; Apple and Outlook
# strike them through, Google ignores the status, hence "Cancelled:" in the title), and a
# postponed event keeps its old dates as TENTATIVE with "Postponed:" in the title and the
# sentence saying new dates will be announced: that is what a subscriber sees on the day they
# had reserved. Rescheduling moves the same entry to the new dates.
STATUS = {
    ScheduleStatus.SCHEDULED: "CONFIRMED",
    ScheduleStatus.RESCHEDULED: "CONFIRMED",
    ScheduleStatus.POSTPONED: "TENTATIVE",
    ScheduleStatus.CANCELLED: "CANCELLED",
}


def event_as_vevent(event: Event, *, url: str) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@plp-portal")
    vevent.add("summary", calendar_text(titled(event)))
    vevent.add("url", url)
    vevent.add("dtstamp", event_stamp(event))
    vevent.add("last-modified", event_stamp(event))
    vevent.add("sequence", event.schedule_sequence)
    vevent.add("status", STATUS[event.schedule_status])
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
    # The event's own last change (a schedule change among them): stable while the event is
    # unchanged, so the file is too.
    return event.updated_at.astimezone(dt.UTC).replace(microsecond=0)


def event_description(event: Event, *, url: str) -> str:
    lines = [event.summary] if event.summary else []
    notice = current_notice(event)
    if notice:
        lines.append(notice)
    sessions = [session.title for session in event.sessions.all()]
    if sessions:
        lines.append("Programme:")
        lines.extend(f"{number}. {title}" for number, title in enumerate(sessions, start=1))
    lines.append(url)
    return "\n".join(lines)


def with_schedule_history(events: list[Event]) -> None:
    """Read the schedule history of the events that have one: no query when none has."""
    prefetch_related_objects([e for e in events if e.schedule_sequence], "schedule_changes")


def calendar_for(events, *, url_for) -> bytes:
    """An iCalendar file of `events`; `url_for(event)` gives each event's public address."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.SITE_NAME)
    events = list(events)
    with_schedule_history(events)
    for event in events:
        calendar.add_component(event_as_vevent(event, url=url_for(event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()
