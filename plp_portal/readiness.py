"""What a worker needs before it can serve pages, each checked cheaply and within a second.

A load balancer asks often and must learn of a stalled dependency in time: the database gets
PROBE_SECONDS to show a sign of life and QUERY_SECONDS to answer ``SELECT 1``, the cache
CACHE_SECONDS to answer a PING; a dependency already known to be down is reported at once.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from .cache_outage import cache_answers
from .postgresql.watchdog import calls_limited_to, server_answers, server_of, watchdog

PROBE_SECONDS = 0.3
QUERY_SECONDS = 0.4
CACHE_SECONDS = 0.3

# Once a process has seen every migration applied it stays so: migrations only add.
_migrations_seen_applied = False


def readiness_checks() -> dict[str, str]:
    """ "ok" or "error" for the database, the migrations and the cache."""
    database = _check(_database_answers)
    return {
        "database": database,
        "migrations": _check(_migrations_applied) if database == "ok" else "error",
        "cache": _check(_cache_answers),
    }


def _check(probe) -> str:
    try:
        return "ok" if probe() else "error"
    except Exception:  # any failure of a dependency means "not ready", whatever its class
        return "error"


def _database_answers() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        server = server_of(connection.settings_dict)
        if watchdog().is_down(server):
            return False
        if server is not None and not server_answers(server, PROBE_SECONDS):
            watchdog().mark_down(server, "no sign of life for the readiness check")
            return False
    with calls_limited_to(QUERY_SECONDS), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations_applied() -> bool:
    global _migrations_seen_applied
    if not _migrations_seen_applied:
        with calls_limited_to(QUERY_SECONDS):
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
            targets = executor.loader.graph.leaf_nodes()
            _migrations_seen_applied = not executor.migration_plan(targets)
    return _migrations_seen_applied


def _cache_answers() -> bool:
    return cache_answers(CACHE_SECONDS)
