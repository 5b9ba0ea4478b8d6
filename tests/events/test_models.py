import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event, Session
from tests.factories import (
    BreakoutFactory,
    EventFactory,
    KeyPointFactory,
    SessionFactory,
)


@pytest.mark.django_db
def test_event_ending_before_it_starts_is_refused_and_not_saved():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(
            starts_at=dt.datetime(2021, 12, 2, 14, tzinfo=dt.UTC),
            ends_at=dt.datetime(2021, 12, 2, 12, tzinfo=dt.UTC),
        )

    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_event_unknown_time_zone_fails_validation():
    event = EventFactory.build(time_zone="Paris/CET")

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict["time_zone"] == [
        "Paris/CET is not an IANA time zone name such as Europe/Paris."
    ]


@pytest.mark.django_db
def test_session_position_is_unique_within_its_event():
    session = SessionFactory(position=1)
    SessionFactory(position=1)  # another event may use the same position

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(event=session.event, position=1)

    assert Session.objects.filter(event=session.event).count() == 1


@pytest.mark.django_db
def test_session_outside_its_event_fails_validation():
    event = EventFactory()
    session = Session(
        event=event,
        position=1,
        kind="panel",
        title="Late",
        starts_at=event.ends_at,
        ends_at=event.ends_at + dt.timedelta(hours=1),
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.messages == ["A session must take place within its event's times."]


@pytest.mark.django_db
def test_breakout_outside_a_breakouts_session_fails_validation():
    breakout = BreakoutFactory.build(session=SessionFactory(kind="panel"), theme=None)

    with pytest.raises(ValidationError) as error:
        breakout.full_clean(exclude=["theme", "rapporteur"])

    assert error.value.message_dict["session"] == [
        "Breakouts belong in a breakout-discussions session."
    ]


@pytest.mark.django_db
def test_key_point_position_is_unique_within_its_breakout():
    point = KeyPointFactory(position=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        KeyPointFactory(breakout=point.breakout, position=1)
