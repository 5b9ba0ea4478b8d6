"""What a worker needs before it can serve pages, each checked cheaply and quickly."""

import secrets

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

# Once a process has seen every migration applied it stays so: migrations only add.
_migrations_seen_applied = False


def readiness_checks() -> dict[str, str]:
    """ "ok" or "error" for the database, the migrations and the cache."""
    database = _check(_database_answers)
    return {
        "database": database,
        "migrations": _check(_migrations_applied) if database == "ok" else "error",
        "cache": _check(_cache_round_trip),
    }


def _check(probe) -> str:
    try:
        return "ok" if probe() else "error"
    except Exception:  # any failure of a dependency means "not ready", whatever its class
        return "error"


def _database_answers() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations_applied() -> bool:
    global _migrations_seen_applied
    if not _migrations_seen_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        targets = executor.loader.graph.leaf_nodes()
        _migrations_seen_applied = not executor.migration_plan(targets)
    return _migrations_seen_applied


def _cache_round_trip() -> bool:
    key, value = "readiness-probe", secrets.token_hex(4)
    cache.set(key, value, timeout=10)
    return cache.get(key) == value
