"""Bulk inserts: many rows per statement, no save() and no signals per row."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import models

BATCH_SIZE = 2_000


def insert(model: type[models.Model], rows: Sequence[models.Model]) -> list[models.Model]:
    """Insert ``rows`` in batches; their primary keys are set afterwards (PostgreSQL, and
    SQLite from 3.35, return them)."""
    return model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


@contextmanager
def dates_as_given(*fields: models.DateTimeField) -> Iterator[None]:
    """Let ``auto_now``/``auto_now_add`` fields keep the dates set on the rows.

    bulk_create stamps such fields with the current time; generated history needs its own
    dates (a finding created in 2020 and published in 2021). The flags are restored at once;
    the command runs in one thread, so no other save sees them off.
    """
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
