"""One PostgreSQL database per size, generated once and reused by later runs."""

import os
import subprocess
import time

from .config import POSTGRES_URL, PYTHON, ROOT, SEED, Size

_PSQL = ["psql", "-X", "-q", "-t", "-A"]


def _psql(database: str, sql: str) -> str:
    result = subprocess.run(
        [*_PSQL, "-d", f"{POSTGRES_URL}/{database}", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def _exists(database: str) -> bool:
    sql = f"SELECT 1 FROM pg_database WHERE datname = '{database}'"
    return _psql("postgres", sql) == "1"


def _finding_count(database: str) -> int | None:
    """Findings in the database, or None when it holds no (migrated) portal."""
    try:
        return int(_psql(database, "SELECT count(*) FROM findings_finding"))
    except subprocess.CalledProcessError:
        return None


def _manage(size: Size, *arguments: str) -> None:
    # Production settings need a key; this one only ever signs nothing (migrate, generate).
    env = {
        **os.environ,
        "DATABASE_URL": size.database_url,
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-data-" + "x" * 40,
    }
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def ensure_database(size: Size, *, regenerate: bool, log) -> None:
    """Create, migrate and fill ``size``'s database unless it already holds that data.

    generate_data writes everything in one transaction, so a database holding exactly
    ``size.findings`` findings is a complete earlier run; anything else is made again.
    """
    database = size.database
    if not regenerate and _exists(database) and _finding_count(database) == size.findings:
        log(f"{database}: reusing {size.findings:,} findings")
        _manage(size, "migrate", "--noinput", "-v0")  # code may have new migrations
        _psql(database, "VACUUM ANALYZE")  # new indexes' statistics; cheap when nothing changed
        return
    started = time.monotonic()
    log(f"{database}: generating {size.findings:,} findings, {size.consortia} consortia")
    _psql("postgres", f'DROP DATABASE IF EXISTS "{database}"')
    _psql("postgres", f'CREATE DATABASE "{database}"')
    _manage(size, "migrate", "--noinput", "-v0")
    _manage(
        size,
        "generate_data",
        f"--consortia={size.consortia}",
        f"--findings={size.findings}",
        f"--seed={SEED}",
        "-v0",
    )
    # generate_data vacuums and analyses what it wrote (events.generate.run).
    log(f"{database}: generated in {time.monotonic() - started:.0f} s")
