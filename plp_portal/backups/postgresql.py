"""PostgreSQL: pg_dump of one snapshot (custom format), restored by pg_restore through psql in
one transaction, so a failed restore leaves the database as it was."""

import contextlib
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction

from plp_portal.progress import Progress

from . import BackupError
from .state import applied_migrations, row_counts

FILE_NAME = "database.dump"

# libpq reads these from the environment: the password never shows in a process list.
_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
}
_DUMPING = re.compile(r'dumping contents of table "[^".]+\.([^"]+)"')
_COPY = re.compile(rb'^COPY [^ ]+\.("?)(.+?)\1 .*FROM stdin;$')
_AFTER_DATA = (b"ALTER TABLE", b"CREATE INDEX", b"CREATE UNIQUE INDEX", b"CREATE TRIGGER")

# Empty the portal's schema first, in the restore's own transaction: the tables, views and
# sequences, and the trigger functions the migrations made (an extension's objects stay).
# Names are collected before anything is dropped, as a CASCADE drops a table's sequences.
_EMPTY_SCHEMA = """
SET lock_timeout = '5s';
DO $$
DECLARE
    relations text[];
    routines text[];
    item text;
BEGIN
    SELECT array_agg(format('DROP %s IF EXISTS %I.%I CASCADE',
               CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                              ELSE 'TABLE' END,
               n.nspname, c.relname) ORDER BY c.relkind = 'S', c.relname)
      INTO relations
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype = 'e');
    SELECT array_agg(format('DROP %s IF EXISTS %s CASCADE',
               CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE'
                              ELSE 'FUNCTION' END,
               p.oid::regprocedure))
      INTO routines
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema()
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype = 'e');
    FOREACH item IN ARRAY coalesce(relations, '{}') || coalesce(routines, '{}') LOOP
        EXECUTE item;
    END LOOP;
END
$$;
"""


def client(name: str) -> str:
    """The path of a PostgreSQL client program, or a plain sentence saying it is missing."""
    directory = settings.PLP_PG_BIN_DIR
    path = str(Path(directory) / name) if directory else shutil.which(name)
    if not path or not os.access(path, os.X_OK):
        where = f" in PLP_PG_BIN_DIR ({directory})" if directory else ""
        raise BackupError(
            f"{name} is not installed{where}: install the PostgreSQL client programs of the "
            "server's major version (Debian: apt install postgresql-client-15)."
        )
    return path


def client_environment(settings_dict) -> dict[str, str]:
    environment = dict(os.environ)
    for key, value in (settings_dict.get("OPTIONS") or {}).items():
        if key in _OPTION_VARIABLES and value not in (None, ""):
            environment[_OPTION_VARIABLES[key]] = str(value)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    environment["PGAPPNAME"] = "plp-portal-backup"
    return environment


def _failure(program: str, messages: list[str]) -> str:
    errors = [line for line in messages if "error" in line.lower()] or messages or ["no output"]
    return errors[0].strip().removeprefix(f"{program}: ").removeprefix("error: ")


def back_up(connection, directory: Path, progress: Progress):
    """Dump the database as one snapshot; its rows and migrations, read in that snapshot."""
    pg_dump = client("pg_dump")
    if connection.in_atomic_block:
        raise BackupError("A backup must start outside a transaction.")
    path = directory / FILE_NAME
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The dump sees exactly what these counts see: the same exported snapshot.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SET LOCAL statement_timeout = 0")  # requests' limit, not a backup's
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        counts = row_counts("postgresql", cursor)
        migrations = applied_migrations(cursor, counts)
        command = [pg_dump, "--format=custom", "--no-password", "--verbose"]
        command += [f"--snapshot={snapshot}", f"--file={path}"]
        counter = progress.counter("database rows", sum(counts.values()))
        messages = []
        with subprocess.Popen(
            command,
            env=client_environment(connection.settings_dict),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        ) as dump:
            dumping = None
            for line in dump.stderr:
                found = _DUMPING.search(line)
                if found:
                    if dumping:
                        counter.advance(counts.get(dumping, 0))
                    dumping = found.group(1)
                elif ": error:" in line or "FATAL" in line:
                    messages.append(line)
            if dumping:
                counter.advance(counts.get(dumping, 0))
        if dump.returncode != 0:
            path.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {_failure('pg_dump', messages)}.")
    counter.finish()
    path.chmod(0o600)
    return path, counts, migrations


def _drain(stream, into: list[str]) -> threading.Thread:
    thread = threading.Thread(target=lambda: into.extend(stream), daemon=True)
    thread.start()
    return thread


def restore(connection, path: Path, rows: int, progress: Progress) -> None:
    """Replace the schema's content by the dump's, all or nothing."""
    pg_restore, psql = client("pg_restore"), client("psql")
    environment = client_environment(connection.settings_dict)
    connection.close()  # our own connection must hold no lock on the tables dropped
    restore_messages: list[str] = []
    psql_messages: list[str] = []
    counter = progress.counter("database rows", rows)
    with (
        subprocess.Popen(
            [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(path)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as script,
        subprocess.Popen(
            [psql, "--no-psqlrc", "--quiet", "--no-password", "--single-transaction"]
            + ["--set=ON_ERROR_STOP=1", "--file=-"],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        ) as apply,
    ):
        threads = [
            _drain(_lines(script.stderr), restore_messages),
            _drain(_lines(apply.stderr), psql_messages),
        ]
        try:
            _feed(script.stdout, apply.stdin, counter, progress)
        except BrokenPipeError:
            script.kill()  # psql stopped at an error: it says which below
        finally:
            with contextlib.suppress(BrokenPipeError):
                apply.stdin.close()
        script.wait()
        apply.wait()
        for thread in threads:
            thread.join()
    if apply.returncode != 0:
        if any("lock timeout" in line for line in psql_messages):
            raise BackupError(
                "Another connection holds the portal's tables: stop the portal's servers "
                "before restoring (nothing was changed)."
            )
        raise BackupError(
            f"psql could not restore the database, nothing was changed: "
            f"{_failure('psql', psql_messages)}."
        )
    if script.returncode != 0:  # pragma: no cover - psql fails first on a truncated script
        raise BackupError(f"pg_restore failed: {_failure('pg_restore', restore_messages)}.")
    counter.finish()


def _lines(stream):
    for line in stream:
        yield line.decode(errors="replace")


def _feed(script, psql_input, counter, progress: Progress) -> None:
    """Pass the restore script to psql, counting the rows of its COPY blocks."""
    psql_input.write(_EMPTY_SCHEMA.encode())
    batch, size, in_copy, rows = [], 0, False, 0
    data_loaded = announced = False
    for line in script:
        if in_copy:
            if line == b"\\.\n":
                in_copy = False
            else:
                rows += 1
        elif _COPY.match(line.rstrip(b"\n")):
            in_copy = data_loaded = True
        elif data_loaded and not announced and line.startswith(_AFTER_DATA):
            # The rows are in; indexes, keys and triggers follow, one statement each.
            counter.advance(rows)
            rows, announced = 0, True
            if progress.write:
                progress.write("database: building indexes, keys and triggers")
        batch.append(line)
        size += len(line)
        if size >= 1 << 20:
            psql_input.write(b"".join(batch))
            counter.advance(rows)
            batch, size, rows = [], 0, 0
    psql_input.write(b"".join(batch))
    counter.advance(rows)
