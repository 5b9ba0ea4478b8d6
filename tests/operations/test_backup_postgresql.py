"""What only PostgreSQL's backups meet: its client programs, other connections."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.operations.databases import source_rows

pytestmark = pytest.mark.postgres


def test_backup_says_plainly_that_pg_dump_is_missing(transactional_db, settings, tmp_path):
    settings.PLP_PG_BIN_DIR = str(tmp_path / "no-clients")

    with pytest.raises(CommandError) as refused:
        call_command("backup", str(tmp_path / "backup"), verbosity=0)

    assert str(refused.value) == (
        f"pg_dump is not installed in PLP_PG_BIN_DIR ({tmp_path / 'no-clients'}): install the "
        "PostgreSQL client programs of the server's major version (Debian: apt install "
        "postgresql-client-15)."
    )
    assert not (tmp_path / "backup").exists()


def test_restore_waits_for_no_running_portal_and_changes_nothing(populated, tmp_path):
    import psycopg

    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    rows = source_rows()
    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:  # a portal's worker, in a transaction
        other.execute("SELECT count(*) FROM findings_finding")

        with pytest.raises(CommandError) as refused:
            call_command("restore", str(tmp_path / "backup"), "--force", verbosity=0)

    assert str(refused.value) == (
        "Another connection holds the portal's tables: stop the portal's servers before "
        "restoring (nothing was changed)."
    )
    assert source_rows() == rows
