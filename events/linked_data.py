"""schema.org JSON-LD for an event's page: an Event with its sessions as sub-events, its
speakers as performers, the programme as organiser, and where and how it takes place.

Built from events.selectors.event_programme's event, the object the page's programme is
rendered from (sessions, moderators, speakers with their affiliation, breakouts, and the
*published* findings presented or discussed, all prefetched): no query of its own.
"""

import datetime as dt

from consortia.linked_data import person_node
from findings.linked_data import finding_node, theme_term
from plp_portal.linked_data import SCHEMA_ORG, Absolute, compact, document, preview_image_url

from .enums import EventFormat, ScheduleChangeKind, ScheduleStatus
from .models import Event, Session

ATTENDANCE_MODES = {
    EventFormat.ONLINE: f"{SCHEMA_ORG}/OnlineEventAttendanceMode",
    EventFormat.IN_PERSON: f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
    EventFormat.HYBRID: f"{SCHEMA_ORG}/MixedEventAttendanceMode",
}


#: schema.org's EventStatusType for each schedule state (events.scheduling records them).
EVENT_STATUSES = {
    ScheduleStatus.SCHEDULED: "EventScheduled",
    ScheduleStatus.POSTPONED: "EventPostponed",
    ScheduleStatus.RESCHEDULED: "EventRescheduled",
    ScheduleStatus.CANCELLED: "EventCancelled",
}


def event_status(event: Event) -> str:
    """The event's schema.org ``eventStatus``, from its schedule state."""
    return f"{SCHEMA_ORG}/{EVENT_STATUSES[event.schedule_status]}"


def previous_starts(event: Event) -> list:
    """The start dates a rescheduled event had before, oldest first (schema.org's
    ``previousStartDate``); read only for an event that moved (its page shows the history)."""
    if not event.schedule_sequence:
        return []
    return [
        _moment(event, change.previous_starts_at)
        for change in event.schedule_changes.all()
        if change.kind == ScheduleChangeKind.RESCHEDULED
    ]


def attendance_mode(event: Event) -> str | None:
    """Online, in person or both; nothing while the format is to be announced."""
    return ATTENDANCE_MODES.get(event.format)


def event_location(event: Event, page_url: str) -> list[dict]:
    """Where the event takes place: a Place for the venue, a VirtualLocation for the online
    part. An online event's own address (its platform's link) is not published, so its
    virtual location is its page here, where participants find how to join."""
    place = (
        {"@type": "Place", "name": event.venue, "address": event.venue}
        if event.venue and event.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)
        else None
    )
    virtual = (
        compact(
            {
                "@type": "VirtualLocation",
                "name": event.venue if event.format == EventFormat.ONLINE else "",
                "url": page_url,
            }
        )
        if event.format in (EventFormat.ONLINE, EventFormat.HYBRID)
        else None
    )
    return [location for location in (place, virtual) if location]


def event_document(event: Event, absolute: Absolute) -> dict:
    """An event's page (events.selectors.event_programme's event)."""
    page_url = absolute(event.get_absolute_url())
    sessions = list(event.sessions.all()) if event.has_programme else []
    location = event_location(event, page_url)
    programme = event.programme
    return document(
        compact(
            {
                "@type": "Event",
                "name": event.title,
                "description": event.summary,
                "url": page_url,
                "image": preview_image_url(absolute),
                "startDate": _moment(event, event.starts_at),
                "endDate": _moment(event, event.ends_at),
                "eventStatus": event_status(event),
                "previousStartDate": previous_starts(event),
                "eventAttendanceMode": attendance_mode(event),
                "location": location[0] if len(location) == 1 else location,
                "organizer": (
                    compact(
                        {
                            "@type": "Organization",
                            "name": programme.name,
                            "url": programme.website,
                        }
                    )
                    if programme
                    else None
                ),
                "performer": _unique_people(
                    [
                        contribution.person
                        for session in sessions
                        for contribution in session.contributions.all()
                    ],
                    absolute,
                ),
                "about": [theme_term(theme, absolute) for theme in event.themes.all()],
                "subEvent": [
                    _session_node(event, session, page_url, location, absolute)
                    for session in sessions
                ],
            }
        )
    )


def _session_node(
    event: Event, session: Session, page_url: str, location: list[dict], absolute: Absolute
) -> dict:
    contributions = list(session.contributions.all())
    breakouts = list(session.breakouts.all())
    findings = [
        finding for contribution in contributions for finding in contribution.findings.all()
    ]
    findings += [finding for breakout in breakouts for finding in breakout.findings.all()]
    return compact(
        {
            "@type": "Event",
            "name": session.title,
            "description": session.summary,
            "url": f"{page_url}#session-{session.position}",
            "startDate": _session_start(event, session),
            "endDate": _moment(event, session.ends_at),
            "eventStatus": event_status(event),
            "eventAttendanceMode": attendance_mode(event),
            "location": location[0] if len(location) == 1 else location,
            "performer": _unique_people(
                [session.moderator] + [contribution.person for contribution in contributions],
                absolute,
            ),
            "about": [theme_term(breakout.theme, absolute) for breakout in breakouts],
            "workFeatured": list(
                {finding.pk: finding_node(finding, absolute) for finding in findings}.values()
            ),
        }
    )


def _moment(event: Event, moment: dt.datetime | None) -> str | None:
    """A date and time with the event's own offset ("2021-12-02T09:30:00+01:00"); the day
    alone while only the dates are known (the page then shows whole days)."""
    if moment is None:
        return None
    local = moment.astimezone(event.zone)
    return local.isoformat() if event.has_programme else local.date().isoformat()


def _session_start(event: Event, session: Session) -> str | None:
    """A session's own start where the programme gives it; else the day of a one-day event
    (true of every session in it), and nothing for a longer event."""
    if session.starts_at is not None:
        return _moment(event, session.starts_at)
    first_day = event.starts_at.astimezone(event.zone).date()
    if first_day == event.ends_at.astimezone(event.zone).date():
        return first_day.isoformat()
    return None


def _unique_people(people: list, absolute: Absolute) -> list[dict]:
    """Each person once, in the order they first appear."""
    unique = {person.pk: person for person in people if person is not None}
    return [person_node(person, absolute) for person in unique.values()]
