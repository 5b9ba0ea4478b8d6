"""`dumpdata` and `loaddata` move a whole portal into an empty database, row for row.

The documented commands (README, "Operations"): dump without the content types and
permissions, which `migrate` makes in every database, naming them by natural keys; `migrate`
the new database, then load.
"""

from django.core.management import call_command

from tests.operations.databases import (
    empty_database,
    manage,
    many_to_many_tables,
    source_rows,
)

# Content types and permissions are each database's own, under ids of its own: they are
# compared by what names them (app, model, codename), and so are the rows pointing at them.
BY_NATURAL_KEYS = {
    "django_content_type": "SELECT app_label, model FROM django_content_type",
    "auth_permission": (
        "SELECT p.name, p.codename, t.app_label, t.model FROM auth_permission p "
        "JOIN django_content_type t ON t.id = p.content_type_id"
    ),
    "auth_group_permissions": (
        "SELECT l.id, l.group_id, p.codename, t.app_label, t.model "
        "FROM auth_group_permissions l JOIN auth_permission p ON p.id = l.permission_id "
        "JOIN django_content_type t ON t.id = p.content_type_id"
    ),
    "auth_user_user_permissions": (
        "SELECT l.id, l.user_id, p.codename, t.app_label, t.model "
        "FROM auth_user_user_permissions l JOIN auth_permission p ON p.id = l.permission_id "
        "JOIN django_content_type t ON t.id = p.content_type_id"
    ),
    "django_admin_log": (
        "SELECT l.id, l.action_time, l.object_id, l.object_repr, l.action_flag, "
        "l.change_message, l.user_id, t.app_label, t.model FROM django_admin_log l "
        "LEFT JOIN django_content_type t ON t.id = l.content_type_id"
    ),
    # When each migration was applied: the new database applied them itself.
    "django_migrations": "SELECT app, name FROM django_migrations",
}


def comparable(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """A dump leaves out the ids of plain many-to-many links (loaddata links the same pairs
    under new ids): those tables are compared by their pairs."""
    links = many_to_many_tables()
    return {
        table: sorted((row[1:] for row in table_rows), key=repr) if table in links else table_rows
        for table, table_rows in rows.items()
    }


def test_dump_loads_into_an_empty_database_with_identical_rows(populated, tmp_path):
    dump = tmp_path / "portal.json"
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=["contenttypes", "auth.permission"],
        output=str(dump),
        verbosity=0,
    )
    before = comparable(source_rows(BY_NATURAL_KEYS))

    with empty_database(tmp_path) as target:
        manage("migrate", "--noinput", "-v0", database_url=target.url, media_root=tmp_path)
        manage("loaddata", str(dump), database_url=target.url, media_root=tmp_path)
        after = comparable(target.rows(BY_NATURAL_KEYS))

    assert sorted(after) == sorted(before)
    differing = [table for table in before if after[table] != before[table]]
    assert differing == []
    # 73, and the demo's claims: for each of its 14 findings, one record per link set (its
    # levers, levels and SDG targets, as its themes and SDGs have theirs).
    assert len(before["findings_historicalfinding"]) == 73 + 14 * 3
    # The Curators' permissions, erasure requests included: the tables compared were not empty.
    # (73, and the claim's: the levers' and the evidence's four each, the levels' and the
    # targets' view; the outputs': four, and the view of their reviews, their queue, their
    # launches (four); the reactions': view and change of reactions and their queue, and the
    # policy uptakes' four; the output files' view, change and delete.)
    assert len(before["auth_group_permissions"]) == 73 + 10 + 10 + 8 + 3
