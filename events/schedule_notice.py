"""What an event's page, calendar entry and feed entry say about a change to its schedule.

One sentence per change, in the active language, with the dates as the event shows them
(its days, or its times in its own zone when it has a programme)."""

from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from .enums import ScheduleChangeKind, ScheduleStatus
from .models import Event, EventScheduleChange
from .templatetags.event_tags import period_when


def change_sentence(event: Event, change: EventScheduleChange) -> str:
    """E.g. "This event was rescheduled on 3 March 2022 from 14–16 December 2022 to 20–21
    March 2023." The day of the change is left out when it is not known."""
    when = (
        dateformat.format(change.changed_on, get_format("DATE_FORMAT"))
        if change.changed_on
        else None
    )
    previous = period_when(
        change.previous_starts_at, change.previous_ends_at, event.time_zone, event.has_programme
    )
    values = {"date": when, "previous": previous}
    if change.kind == ScheduleChangeKind.RESCHEDULED:
        values["new"] = period_when(
            change.new_starts_at, change.new_ends_at, event.time_zone, event.has_programme
        )
        if when:
            return _("This event was rescheduled on %(date)s from %(previous)s to %(new)s.") % (
                values
            )
        return _("This event was rescheduled from %(previous)s to %(new)s.") % values
    if change.kind == ScheduleChangeKind.POSTPONED:
        if when:
            return (
                _(
                    "This event was postponed on %(date)s. It was planned for %(previous)s; "
                    "new dates will be announced."
                )
                % values
            )
        return (
            _(
                "This event was postponed. It was planned for %(previous)s; new dates will be "
                "announced."
            )
            % values
        )
    if when:
        return _("This event was cancelled on %(date)s. It was planned for %(previous)s.") % (
            values
        )
    return _("This event was cancelled. It was planned for %(previous)s.") % values


def status_label(event: Event) -> str:
    """ "Postponed", "Rescheduled", "Cancelled"; "" for an event on its first dates."""
    if event.schedule_status == ScheduleStatus.SCHEDULED:
        return ""
    return str(event.get_schedule_status_display())


def titled(event: Event) -> str:
    """The title as calendars and feeds show it: "Cancelled: …" and "Postponed: …" say at a
    glance that the entry does not stand (a rescheduled entry stands, on its new dates)."""
    if event.schedule_status == ScheduleStatus.CANCELLED:
        return _("Cancelled: %(title)s") % {"title": event.title}
    if event.schedule_status == ScheduleStatus.POSTPONED:
        return _("Postponed: %(title)s") % {"title": event.title}
    return event.title


def current_notice(event: Event) -> str:
    """The sentence of the change that set the current schedule, with its reason; ""."""
    change = event.latest_schedule_change()
    if change is None:
        return ""
    sentence = change_sentence(event, change)
    return f"{sentence} {change.reason}" if change.reason else sentence
