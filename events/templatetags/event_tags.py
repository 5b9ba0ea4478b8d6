"""Event times shown in the event's own zone, with the zone named from zoneinfo, never typed."""

import datetime as dt
import zoneinfo

from django import template
from django.utils import dateformat
from django.utils.formats import get_format

register = template.Library()

DASH = "\u2013"


def zone_label(moment: dt.datetime, zone_name: str) -> str:
    """E.g. "CET (UTC+01:00), Europe/Paris": abbreviation and offset as they were at `moment`."""
    local = moment.astimezone(_zone(zone_name))
    offset = local.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}"
    abbreviation = local.tzname() or ""
    # Some zones have no letters, only "+03": then the UTC offset says it all.
    if abbreviation and abbreviation[0] not in "+-":
        return f"{abbreviation} ({utc}), {zone_name}"
    return f"{utc}, {zone_name}"


def _zone(zone_name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(zone_name)


def _local(moment: dt.datetime, zone_name: str) -> dt.datetime:
    return moment.astimezone(_zone(zone_name))


def date_range(start: dt.date, end: dt.date) -> str:
    """ "2 December 2021", "14–16 December 2022", "30 November – 2 December 2022"; the full
    date in the active language's own way ("2 de diciembre de 2021", "30 de noviembre – 2 de
    diciembre de 2022")."""
    full = get_format("DATE_FORMAT")
    if start == end:
        return dateformat.format(start, full)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{dateformat.format(end, full)}"
    if start.year == end.year:
        # The language's day and month without the year: "30 de noviembre" in Spanish.
        day_month = get_format("MONTH_DAY_FORMAT")
        return f"{dateformat.format(start, day_month)} {DASH} {dateformat.format(end, full)}"
    return f"{dateformat.format(start, full)} {DASH} {dateformat.format(end, full)}"


@register.simple_tag
def event_dates(event) -> str:
    """The event's days in its own zone, e.g. "14–16 December 2022"."""
    return date_range(
        _local(event.starts_at, event.time_zone).date(),
        _local(event.ends_at, event.time_zone).date(),
    )


@register.simple_tag
def event_when(event) -> str:
    """Dates only without a programme; otherwise the day, the times and the zone named."""
    return period_when(event.starts_at, event.ends_at, event.time_zone, event.has_programme)


def period_when(starts_at, ends_at, zone_name: str, with_times: bool) -> str:
    """A period as an event shows it: its days, or (`with_times`) its times and zone too."""
    start = _local(starts_at, zone_name)
    end = _local(ends_at, zone_name)
    if not with_times:
        return date_range(start.date(), end.date())
    zone = zone_label(starts_at, zone_name)
    if start.date() == end.date():
        day = dateformat.format(start, "l j F Y")
        return f"{day}, {start:%H:%M}{DASH}{end:%H:%M} {zone}"
    return (
        f"{dateformat.format(start, 'j F Y, H:i')} {DASH} "
        f"{dateformat.format(end, 'j F Y, H:i')} {zone}"
    )


@register.simple_tag
def session_times(session, event) -> str:
    """E.g. "13:15–14:15" in the event's zone; "" when the session has no times."""
    if not session.starts_at:
        return ""
    start = _local(session.starts_at, event.time_zone)
    if not session.ends_at:
        return f"{start:%H:%M}"
    return f"{start:%H:%M}{DASH}{_local(session.ends_at, event.time_zone):%H:%M}"


@register.simple_tag
def event_zone(event) -> str:
    return zone_label(event.starts_at, event.time_zone)


@register.simple_tag
def event_hours(event) -> str:
    """The event's start and end clock times in its zone, e.g. "13:00–15:30"; with the days
    when it spans several, e.g. "14 December 2022, 09:00 – 16 December 2022, 17:00"."""
    start = _local(event.starts_at, event.time_zone)
    end = _local(event.ends_at, event.time_zone)
    if start.date() == end.date():
        return f"{start:%H:%M}{DASH}{end:%H:%M}"
    return f"{dateformat.format(start, 'j F Y, H:i')} {DASH} {dateformat.format(end, 'j F Y, H:i')}"


@register.filter
def has_session_times(event) -> bool:
    """Whether any session of the event (prefetched) has its own times."""
    return any(session.starts_at for session in event.sessions.all())


@register.filter
def has_report(event) -> bool:
    """Whether the event (its programme prefetched) has a report (events.report)."""
    from ..report import has_report as event_has_report  # the report uses the tags above

    return event_has_report(event)


@register.simple_tag
def schedule_history(event) -> list[dict]:
    """The event's schedule changes, the latest first, each with the sentence that tells it
    (events.schedule_notice); [] for an event on its first dates."""
    from ..schedule_notice import change_sentence  # it builds on the tags above

    if not event.schedule_sequence:
        return []
    return [
        {"change": change, "sentence": change_sentence(event, change)}
        for change in reversed(list(event.schedule_changes.all()))
    ]
