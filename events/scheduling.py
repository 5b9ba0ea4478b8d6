"""An event's schedule changes: postponed, rescheduled, cancelled. The one place they happen.

Each change updates the event's dates and state, keeps the dates it replaced in an
``EventScheduleChange``, and counts one more in ``Event.schedule_sequence`` (the calendar
entry's SEQUENCE, so subscribed calendars replace their copy). The admin and the demo loader
call these functions; nothing else writes the schedule.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .enums import ScheduleChangeKind, ScheduleStatus
from .models import Event, EventScheduleChange, Session
from .permissions import can_change_event_schedule


class ScheduleChangeRefused(ValidationError):
    """The change cannot be made from the event's current state, or its dates are wrong.

    A ValidationError, so a form shows it as its own error; the message says why."""


def postpone(
    event: Event, *, changed_on: dt.date | None, reason: str = "", by=None
) -> EventScheduleChange:
    """The event will not take place on its dates, and new ones are not known yet.

    It keeps its dates (shown as the ones it was to take place on) until it is rescheduled."""
    if event.schedule_status == ScheduleStatus.POSTPONED:
        raise ScheduleChangeRefused(_("The event is postponed already."))
    if event.schedule_status == ScheduleStatus.CANCELLED:
        raise ScheduleChangeRefused(_("A cancelled event cannot be postponed: reschedule it."))
    return _record(
        event,
        kind=ScheduleChangeKind.POSTPONED,
        status=ScheduleStatus.POSTPONED,
        changed_on=changed_on,
        reason=reason,
        by=by,
    )


def reschedule(
    event: Event,
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    changed_on: dt.date | None,
    reason: str = "",
    by=None,
) -> EventScheduleChange:
    """The event moves to new dates (a postponed or cancelled event too, when it is set again).

    Sessions with times move by as much as the start does, so the programme keeps its shape;
    the change is refused if one would then end after the event."""
    if ends_at < starts_at:
        raise ScheduleChangeRefused(_("The end cannot be before the start."))
    same_dates = (starts_at, ends_at) == (event.starts_at, event.ends_at)
    if same_dates and event.schedule_status in (
        ScheduleStatus.SCHEDULED,
        ScheduleStatus.RESCHEDULED,
    ):
        raise ScheduleChangeRefused(_("These are the event's dates already."))
    return _record(
        event,
        kind=ScheduleChangeKind.RESCHEDULED,
        status=ScheduleStatus.RESCHEDULED,
        changed_on=changed_on,
        reason=reason,
        by=by,
        new_dates=(starts_at, ends_at),
    )


def cancel(
    event: Event, *, changed_on: dt.date | None, reason: str = "", by=None
) -> EventScheduleChange:
    """The event will not take place. Its page, calendar entry and feed entry stay, saying so."""
    if event.schedule_status == ScheduleStatus.CANCELLED:
        raise ScheduleChangeRefused(_("The event is cancelled already."))
    return _record(
        event,
        kind=ScheduleChangeKind.CANCELLED,
        status=ScheduleStatus.CANCELLED,
        changed_on=changed_on,
        reason=reason,
        by=by,
    )


@transaction.atomic
def _record(
    event: Event,
    *,
    kind: str,
    status: str,
    changed_on: dt.date | None,
    reason: str,
    by,
    new_dates: tuple[dt.datetime, dt.datetime] | None = None,
) -> EventScheduleChange:
    # `by` is None for the system (the demo loader); a person must be a curator.
    if by is not None and not can_change_event_schedule(by):
        raise PermissionDenied(_("Only curators change an event's schedule."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    # The reason is written in the original language (English, as curators write); its
    # translations are added later, as for the other curated texts.
    with translation.override(settings.LANGUAGE_CODE):
        change = EventScheduleChange(
            event=event,
            kind=kind,
            previous_starts_at=event.starts_at,
            previous_ends_at=event.ends_at,
            new_starts_at=new_dates[0] if new_dates else None,
            new_ends_at=new_dates[1] if new_dates else None,
            changed_on=changed_on,
            reason=reason,
            recorded_at=timezone.now(),
            recorded_by=by,
        )
    change.full_clean()
    if new_dates:
        _move_sessions(event, *new_dates)
        event.starts_at, event.ends_at = new_dates
    event.schedule_status = status
    event.schedule_sequence += 1
    event.full_clean()
    event.save()
    change.save()
    return change


def _move_sessions(event: Event, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    sessions = Session.objects.filter(event=event)
    shift = starts_at - event.starts_at
    if shift:
        # One statement, so each row's start and end move together (a session without times
        # keeps none: NULL plus a shift is NULL).
        sessions.update(starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift)
    if sessions.filter(Q(starts_at__gt=ends_at) | Q(ends_at__gt=ends_at)).exists():
        raise ScheduleChangeRefused(
            _("A session would end after the event: shorten the sessions first.")
        )
