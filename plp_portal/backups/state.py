"""What a database holds: its tables and their rows, its applied migrations."""

from django.db.migrations.loader import MigrationLoader

# Tables a fresh `migrate` fills by itself (content types, permissions, the Curators group,
# the 17 SDGs, the derived facet counts): a database holding rows only there is empty.
FILLED_BY_MIGRATE = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "auth_group",
        "auth_group_permissions",
        "findings_sdg",
        "findings_facet_count",
    }
)


def table_names(vendor: str, cursor) -> list[str]:
    """Every table of the portal's schema, also those without a model (kept by triggers)."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY 1"
        )
    return [name for (name,) in cursor.fetchall()]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(vendor: str, cursor) -> dict[str, int]:
    """Rows per table; on PostgreSQL inside a transaction, whose statement timeout (kept
    short for requests) is lifted: counting a big table takes as long as it takes."""
    if vendor == "postgresql":
        cursor.execute("SET LOCAL statement_timeout = 0")
    counts = {}
    for table in table_names(vendor, cursor):
        cursor.execute(f"SELECT count(*) FROM {quoted(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor, tables) -> dict[str, list[str]]:
    """{app label: applied migration names}, from django_migrations itself."""
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def content_tables(counts: dict[str, int]) -> dict[str, int]:
    """The tables holding rows that `migrate` did not put there."""
    return {
        table: rows for table, rows in counts.items() if rows and table not in FILLED_BY_MIGRATE
    }


def migrations_unknown_here(applied: dict[str, list[str]]) -> list[str]:
    """Applied migrations this code does not have: the database is newer than the code."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in applied.items()
        for name in names
        if (app, name) not in known
    ]


def migrations_pending(applied: dict[str, list[str]]) -> int:
    """Migrations this code has that were not applied: run `migrate` after a restore."""
    done = {(app, name) for app, names in applied.items() for name in names}
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return len(set(known) - done)
