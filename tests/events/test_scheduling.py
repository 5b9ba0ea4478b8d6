"""Postponing, rescheduling and cancelling an event: the service, its rules, and the admin's
form that calls it (curators only)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from events import scheduling
from events.enums import ScheduleStatus
from events.models import Event, EventScheduleChange
from tests.factories import EventFactory, SessionFactory, UserFactory
from tests.two_factor import force_login_confirmed

pytestmark = pytest.mark.django_db

UTC = dt.UTC
START = dt.datetime(2030, 6, 10, 8, 0, tzinfo=UTC)
END = dt.datetime(2030, 6, 10, 10, 0, tzinfo=UTC)
LATER = dt.timedelta(days=97)


def event_on_first_dates(**fields) -> Event:
    return EventFactory(starts_at=START, ends_at=END, **fields)


def test_reschedule_moves_the_event_and_keeps_its_dates_in_the_history(curator):
    event = event_on_first_dates()

    change = scheduling.reschedule(
        event,
        starts_at=START + LATER,
        ends_at=END + LATER,
        changed_on=dt.date(2030, 3, 3),
        reason="The venue is being renovated.",
        by=curator,
    )

    event.refresh_from_db()
    assert (event.starts_at, event.ends_at) == (START + LATER, END + LATER)
    assert (event.schedule_status, event.schedule_sequence) == ("rescheduled", 1)
    assert list(
        EventScheduleChange.objects.values_list(
            "kind",
            "previous_starts_at",
            "previous_ends_at",
            "new_starts_at",
            "new_ends_at",
            "changed_on",
            "reason",
            "recorded_by",
        )
    ) == [
        (
            "rescheduled",
            START,
            END,
            START + LATER,
            END + LATER,
            dt.date(2030, 3, 3),
            "The venue is being renovated.",
            curator.pk,
        )
    ]
    assert change.recorded_at <= event.updated_at


def test_reschedule_moves_timed_sessions_with_the_start():
    event = event_on_first_dates()
    timed = SessionFactory(
        event=event, position=1, starts_at=START, ends_at=START + dt.timedelta(hours=1)
    )
    untimed = SessionFactory(event=event, position=2)

    scheduling.reschedule(event, starts_at=START + LATER, ends_at=END + LATER, changed_on=None)

    timed.refresh_from_db()
    untimed.refresh_from_db()
    assert (timed.starts_at, timed.ends_at) == (
        START + LATER,
        START + LATER + dt.timedelta(hours=1),
    )
    assert (untimed.starts_at, untimed.ends_at) == (None, None)


def test_reschedule_is_refused_when_a_session_would_end_after_the_event():
    event = event_on_first_dates()
    SessionFactory(event=event, position=1, starts_at=START + dt.timedelta(hours=1), ends_at=END)

    with pytest.raises(scheduling.ScheduleChangeRefused) as refusal:
        scheduling.reschedule(
            event,
            starts_at=START + LATER,
            ends_at=START + LATER + dt.timedelta(hours=1),
            changed_on=None,
        )

    assert refusal.value.messages == [
        "A session would end after the event: shorten the sessions first."
    ]
    event.refresh_from_db()
    assert (event.starts_at, event.schedule_sequence, event.schedule_changes.count()) == (
        START,
        0,
        0,
    )
    assert event.sessions.get().starts_at == START + dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "message"),
    [
        (
            START + LATER,
            START + LATER - dt.timedelta(hours=1),
            "The end cannot be before the start.",
        ),
        (START, END, "These are the event's dates already."),
    ],
)
def test_reschedule_is_refused_for_wrong_dates(starts_at, ends_at, message):
    event = event_on_first_dates()

    with pytest.raises(scheduling.ScheduleChangeRefused) as refusal:
        scheduling.reschedule(event, starts_at=starts_at, ends_at=ends_at, changed_on=None)

    assert refusal.value.messages == [message]
    assert EventScheduleChange.objects.count() == 0


def test_a_postponed_event_is_rescheduled_from_the_dates_it_was_planned_for():
    event = event_on_first_dates()
    scheduling.postpone(event, changed_on=dt.date(2030, 3, 1))

    scheduling.reschedule(event, starts_at=START + LATER, ends_at=END + LATER, changed_on=None)

    event.refresh_from_db()
    assert (event.schedule_status, event.schedule_sequence) == ("rescheduled", 2)
    assert list(
        event.schedule_changes.values_list(
            "kind", "previous_starts_at", "new_starts_at", "changed_on"
        )
    ) == [
        ("postponed", START, None, dt.date(2030, 3, 1)),
        ("rescheduled", START, START + LATER, None),
    ]


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        (scheduling.postpone, scheduling.postpone, "The event is postponed already."),
        (
            scheduling.cancel,
            scheduling.postpone,
            "A cancelled event cannot be postponed: reschedule it.",
        ),
        (scheduling.cancel, scheduling.cancel, "The event is cancelled already."),
    ],
)
def test_changes_that_make_no_sense_from_the_current_state_are_refused(first, then, message):
    event = event_on_first_dates()
    first(event, changed_on=None)
    event.refresh_from_db()

    with pytest.raises(scheduling.ScheduleChangeRefused) as refusal:
        then(event, changed_on=None)

    assert refusal.value.messages == [message]
    assert event.schedule_changes.count() == 1


def test_a_cancelled_event_can_be_set_again_on_new_dates():
    event = event_on_first_dates()
    scheduling.cancel(event, changed_on=None)
    event.refresh_from_db()

    scheduling.reschedule(event, starts_at=START, ends_at=END, changed_on=None)

    event.refresh_from_db()
    assert (event.schedule_status, event.schedule_sequence) == ("rescheduled", 2)


def test_only_curators_change_a_schedule(curators_group):
    event = event_on_first_dates()
    staff = UserFactory(username="editor", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_event"))

    with pytest.raises(PermissionDenied):
        scheduling.cancel(event, changed_on=None, by=staff)

    event.refresh_from_db()
    assert (event.schedule_status, event.schedule_changes.count()) == ("scheduled", 0)


def test_the_reason_is_kept_as_the_original_english_text_whatever_the_language_active(curator):
    event = event_on_first_dates()

    with translation.override("fr"):
        change = scheduling.cancel(
            event, changed_on=None, reason="Too few registrations.", by=curator
        )

    change.refresh_from_db()
    assert (change.reason, change.reason_en, change.reason_fr) == (
        "Too few registrations.",
        "Too few registrations.",
        None,
    )


# The admin's door.


def schedule_url(event) -> str:
    return reverse("admin:events_event_schedule", args=[event.pk])


@pytest.fixture
def curator_client(client, curator):
    return force_login_confirmed(client, curator)


@pytest.fixture
def editor_client(client, curators_group):
    """A staff account that may edit events but is no curator."""
    editor = UserFactory(username="editor", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_event", "change_event"])
    )
    return force_login_confirmed(client, editor)


def test_curator_reschedules_an_event_from_its_admin_page(curator_client, curator):
    event = event_on_first_dates(time_zone="Europe/Paris")

    response = curator_client.post(
        schedule_url(event),
        {
            "kind": "rescheduled",
            # Wall-clock times in Paris (CEST, UTC+2 in September).
            "starts_at_0": "2030-09-15",
            "starts_at_1": "10:00",
            "ends_at_0": "2030-09-15",
            "ends_at_1": "12:30",
            "changed_on": "2030-03-03",
            "reason": "The venue is being renovated.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_event_change", args=[event.pk])
    event.refresh_from_db()
    assert (event.starts_at.isoformat(), event.ends_at.isoformat()) == (
        "2030-09-15T08:00:00+00:00",
        "2030-09-15T10:30:00+00:00",
    )
    change = event.schedule_changes.get()
    assert (change.kind, change.changed_on, change.recorded_by) == (
        "rescheduled",
        dt.date(2030, 3, 3),
        curator,
    )


def test_the_event_change_page_links_the_schedule_form_and_shows_dates_read_only(curator_client):
    event = event_on_first_dates()
    scheduling.postpone(event, changed_on=None)

    html = curator_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    html = html.decode()

    assert f'<a href="{schedule_url(event)}">Change the schedule</a>' in html
    # A published event's dates change through the form, which keeps the history.
    assert 'name="starts_at_0"' not in html
    # The history: its reason translatable, its dates not editable.
    assert 'name="schedule_changes-0-reason_fr"' in html
    assert 'name="schedule_changes-0-previous_starts_at' not in html


def test_a_draft_events_dates_stay_editable(curator_client):
    event = event_on_first_dates(status="draft")

    html = curator_client.get(reverse("admin:events_event_change", args=[event.pk])).content

    assert b'name="starts_at_0"' in html


def test_rescheduling_without_dates_is_a_form_error(curator_client):
    event = event_on_first_dates()

    response = curator_client.post(schedule_url(event), {"kind": "rescheduled", "changed_on": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "starts_at": ["Rescheduling needs the new dates."],
        "ends_at": ["Rescheduling needs the new dates."],
    }
    assert event.schedule_changes.count() == 0


def test_a_refused_change_is_a_form_error(curator_client):
    event = event_on_first_dates()
    scheduling.cancel(event, changed_on=None)

    response = curator_client.post(schedule_url(event), {"kind": "cancelled"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["The event is cancelled already."]
    assert event.schedule_changes.count() == 1


def test_curator_postpones_and_cancels_with_the_day_left_empty(curator_client):
    event = event_on_first_dates()

    curator_client.post(schedule_url(event), {"kind": "postponed", "changed_on": ""})
    curator_client.post(schedule_url(event), {"kind": "cancelled", "changed_on": "2030-04-01"})

    assert list(event.schedule_changes.values_list("kind", "changed_on")) == [
        ("postponed", None),
        ("cancelled", dt.date(2030, 4, 1)),
    ]
    event.refresh_from_db()
    assert event.schedule_status == ScheduleStatus.CANCELLED


def test_a_staff_member_who_is_no_curator_is_refused_the_schedule_form(editor_client):
    event = event_on_first_dates()

    assert editor_client.get(schedule_url(event)).status_code == 403
    assert editor_client.post(schedule_url(event), {"kind": "cancelled"}).status_code == 403
    change_page = editor_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert change_page.status_code == 200
    assert schedule_url(event).encode() not in change_page.content
    event.refresh_from_db()
    assert (event.schedule_status, event.schedule_changes.count()) == ("scheduled", 0)


def test_the_schedule_form_of_a_missing_event_is_404(curator_client):
    assert curator_client.get("/admin/events/event/999999/schedule/").status_code == 404
    assert curator_client.get("/admin/events/event/nope/schedule/").status_code == 404
