"""`dumpdata` and `loaddata` move a whole portal into an empty database, row for row.

The documented commands (README, "Operations"): dump with natural keys for content types
and permissions, which `migrate` recreates on the other side, and load after `migrate`.
"""

from django.core.management import call_command

from tests.operations.databases import (
    empty_database,
    manage,
    many_to_many_tables,
    source_rows,
)


def comparable(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """What a dump carries. It leaves out the ids of plain many-to-many links (loaddata links
    the same pairs under new ids) and when each migration was applied (the target applies
    them itself): those columns are compared without them."""
    links = many_to_many_tables()
    result = {}
    for table, table_rows in rows.items():
        if table in links:
            table_rows = sorted((row[1:] for row in table_rows), key=repr)
        elif table == "django_migrations":
            table_rows = sorted((row[1:3] for row in table_rows), key=repr)
        result[table] = table_rows
    return result


def test_dump_loads_into_an_empty_database_with_identical_rows(populated, tmp_path):
    dump = tmp_path / "portal.json"
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=["contenttypes", "auth.permission"],
        output=str(dump),
        verbosity=0,
    )
    before = comparable(source_rows())

    with empty_database(tmp_path) as target:
        manage("migrate", "--noinput", "-v0", database_url=target.url, media_root=tmp_path)
        manage("loaddata", str(dump), database_url=target.url, media_root=tmp_path)
        after = comparable(target.rows())

    assert sorted(after) == sorted(before)
    differing = [table for table in before if after[table] != before[table]]
    assert differing == []
    assert len(before["findings_historicalfinding"]) > 30
