"""Second databases for round trips: an empty one beside the test database, and its rows.

The commands under test run in their own process against it, as an operator runs them: the
test's own database is the source, a fresh database of the same engine the target.
"""

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.apps import apps
from django.db import connection
from psycopg.types.string import TextLoader

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Target:
    url: str
    name: str

    def rows(self, queries=None) -> dict[str, list[tuple]]:
        if self.url.startswith("sqlite"):
            # Django's converters (registered on the sqlite3 module) read values as the test
            # database's connection reads them: datetimes, booleans.
            with sqlite3.connect(
                self.name, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
            ) as raw:
                return rows_of_every_table(raw.cursor(), _sqlite_tables(raw), queries)
        with psycopg.connect(self.url) as raw:
            # JSON as text, as Django's connection reads it (its JSONField parses it).
            for json_type in ("json", "jsonb"):
                raw.adapters.register_loader(json_type, TextLoader)
            with raw.cursor() as cursor:
                return rows_of_every_table(cursor, _postgresql_tables(cursor), queries)


def _sqlite_tables(raw) -> list[str]:
    return [
        name
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _postgresql_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
    return [name for (name,) in cursor.fetchall()]


def rows_of_every_table(cursor, tables, queries=None) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order (sorted by their text); `queries` may
    read a table another way ({table: SQL})."""
    rows = {}
    for table in tables:
        cursor.execute((queries or {}).get(table, f'SELECT * FROM "{table}"'))
        rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def source_rows(queries=None) -> dict[str, list[tuple]]:
    """The test database's rows (what the commands under test read)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = _sqlite_tables(connection.connection)
        else:
            tables = _postgresql_tables(cursor)
        return rows_of_every_table(cursor, tables, queries)


def many_to_many_tables() -> set[str]:
    """Tables Django makes for a ManyToManyField without a `through` model."""
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    }


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[Target]:
    """A database of the test database's engine with no table at all, dropped afterwards."""
    if connection.vendor == "sqlite":
        path = tmp_path / "target.sqlite3"
        yield Target(url=f"sqlite:///{path}", name=str(path))
        return
    # Named after the configured database (not the test one): DATABASE_URL's owner owns both.
    # Each pytest-xdist worker has its own, as it has its own test database.
    configured = dj_database_url.parse(os.environ["DATABASE_URL"])
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = f"{configured['NAME']}_restore" + (f"_{worker}" if worker else "")
    server = dict(
        host=configured["HOST"] or None,
        port=configured["PORT"] or None,
        user=configured["USER"] or None,
        password=configured["PASSWORD"] or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    try:
        yield Target(url=url, name=name)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, database_url: str, media_root: Path, check=True):
    """`manage.py …` in its own process, on another database and media directory; a failure
    (when `check`) fails the test with what the command said."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"DATABASE_URL": database_url, "DJANGO_MEDIA_ROOT": str(media_root)}
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and done.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done
