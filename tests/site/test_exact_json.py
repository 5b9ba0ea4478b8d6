"""Dumps keep every digit of a time: Django's own JSON rounds them to milliseconds."""

import datetime

import pytest
from django.core import serializers

from findings.models import Review
from tests.factories import ReviewFactory

AT = datetime.datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC)


@pytest.mark.parametrize("format", ["json", "jsonl"])
def test_a_dumped_time_loads_back_to_the_microsecond(db, format):
    review = ReviewFactory()
    Review.objects.filter(pk=review.pk).update(created_at=AT)

    text = serializers.serialize(format, Review.objects.filter(pk=review.pk))
    (loaded,) = serializers.deserialize(format, text)

    assert '"2024-03-01T12:30:15.123456Z"' in text
    assert loaded.object.created_at == AT
