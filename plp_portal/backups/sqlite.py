"""SQLite: copies through SQLite's backup API, consistent while the site writes (a copy of
the file itself could catch a half-written page)."""

import sqlite3
from contextlib import closing
from pathlib import Path

from plp_portal.progress import Progress

from .state import applied_migrations, row_counts

FILE_NAME = "database.sqlite3"
PAGES_PER_STEP = 1024


def _copy(source, target, progress: Progress) -> None:
    page_size = source.execute("PRAGMA page_size").fetchone()[0]
    counter = None

    def step(status, remaining, total):
        nonlocal counter
        if counter is None:
            counter = progress.counter("database", total * page_size, "bytes")
        counter.advance((total - remaining) * page_size - counter.count)

    source.backup(target, pages=PAGES_PER_STEP, progress=step)
    if counter:
        counter.finish()


def back_up(connection, directory: Path, progress: Progress):
    """Copy the database; its rows and migrations, read from the copy."""
    connection.ensure_connection()
    path = directory / FILE_NAME
    with closing(sqlite3.connect(path)) as copy:
        _copy(connection.connection, copy, progress)
        cursor = copy.cursor()
        counts = row_counts("sqlite", cursor)
        migrations = applied_migrations(cursor, counts)
    path.chmod(0o600)
    return path, counts, migrations


def restore(connection, path: Path, progress: Progress) -> None:
    """Replace the whole database by the copy at `path`, in one step."""
    connection.ensure_connection()
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
        _copy(source, connection.connection, progress)
