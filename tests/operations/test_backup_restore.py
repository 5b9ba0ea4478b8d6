"""`manage.py backup DIR` and `manage.py restore DIR` give back every row, history record and
uploaded file, exactly, and refuse what would lose data."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from findings.models import Attachment, Finding
from tests.operations.databases import empty_database, manage, source_rows
from tests.operations.media_files import media_bytes


def backup(directory) -> str:
    stderr = StringIO()
    call_command("backup", str(directory), stderr=stderr, stdout=StringIO())
    return stderr.getvalue()


def restore(directory, *options) -> str:
    stdout = StringIO()
    call_command("restore", str(directory), *options, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def test_restore_into_an_empty_database_gives_back_every_row_and_file(populated, tmp_path):
    backup(tmp_path / "backup")
    rows, files = source_rows(), media_bytes(populated)

    with empty_database(tmp_path) as target:
        done = manage(
            "restore",
            str(tmp_path / "backup"),
            database_url=target.url,
            media_root=tmp_path / "restored-media",
        )
        restored = target.rows()

    assert sorted(restored) == sorted(rows)
    assert [table for table in rows if restored[table] != rows[table]] == []
    assert media_bytes(tmp_path / "restored-media") == files
    assert len(files) == 2
    assert len(rows["findings_historicalfinding"]) == 73 + 14 * 3  # the claims loaded: 3 sets each
    assert done.stdout.startswith(f"Restored {sum(map(len, rows.values())):,} rows in ")


def test_the_manifest_names_what_the_backup_holds(populated, tmp_path):
    backup(tmp_path / "backup")

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())

    assert manifest["portal_version"] == "0.1.0"
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"] == {table: len(rows) for table, rows in source_rows().items()}
    assert "0010_facet_counts_follow_truncate" in manifest["migrations"]["findings"]
    attachment = Attachment.objects.get(title="Report")
    assert manifest["media"][attachment.file.name] == {
        "size": 48,
        "sha256": "4cd9cee060ad985e44c2c3f6c6427ab82440aafe683a3675a486a843790b6103",
    }
    assert sorted(manifest["files"]) == [manifest["database"], "media.tar"]


def test_restore_with_force_puts_back_changed_rows_and_files(populated, tmp_path):
    backup(tmp_path / "backup")
    rows, files = source_rows(), media_bytes(populated)
    finding = Finding.objects.order_by("pk").first()
    finding.title = "Changed after the backup"
    finding.save()
    Attachment.objects.get(title="Report").file.delete(save=False)
    (populated / "stray.txt").write_text("not in the backup")

    restore(tmp_path / "backup", "--force")

    assert source_rows() == rows
    assert media_bytes(populated) == files


def test_restore_refuses_a_portal_that_holds_data(populated, tmp_path):
    backup(tmp_path / "backup")
    Finding.objects.filter(pk=Finding.objects.order_by("pk").first().pk).update(title="Kept")
    rows = source_rows()

    with pytest.raises(CommandError) as refused:
        restore(tmp_path / "backup")

    assert str(refused.value).endswith(
        "files in " + str(populated) + "): restore into an empty database, or pass --force to "
        "replace everything it holds."
    )
    assert str(refused.value).startswith("This portal already holds data (")
    assert source_rows() == rows


def _edit_manifest(directory, change):
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def test_restore_refuses_a_backup_of_a_newer_portal(transactional_db, media, tmp_path):
    backup(tmp_path / "backup")
    _edit_manifest(
        tmp_path / "backup",
        lambda manifest: manifest["migrations"]["findings"].append("0099_from_the_future"),
    )

    with pytest.raises(CommandError) as refused:
        restore(tmp_path / "backup", "--force")

    assert str(refused.value) == (
        "This backup was made by a newer portal (0.1.0, with 1 migrations this code lacks, "
        "first findings.0099_from_the_future): upgrade the code before restoring it."
    )


def test_restore_refuses_a_backup_of_another_engine(transactional_db, media, tmp_path):
    backup(tmp_path / "backup")
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    _edit_manifest(tmp_path / "backup", lambda manifest: manifest.update(engine=other))

    with pytest.raises(CommandError) as refused:
        restore(tmp_path / "backup", "--force")

    assert str(refused.value) == (
        f"This backup holds a {other} database and this portal uses {connection.vendor}: "
        "move data between engines with dumpdata and loaddata."
    )


@pytest.mark.parametrize("damaged", ["media.tar", "database"])
def test_restore_refuses_a_damaged_backup_and_changes_nothing(populated, tmp_path, damaged):
    backup(tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    path = tmp_path / "backup" / (manifest["database"] if damaged == "database" else damaged)
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    path.write_bytes(bytes(content))
    rows, files = source_rows(), media_bytes(populated)

    with pytest.raises(CommandError) as refused:
        restore(tmp_path / "backup", "--force")

    assert str(refused.value) == f"{path} differs from its checksum: the backup is damaged."
    assert source_rows() == rows
    assert media_bytes(populated) == files


def test_restore_refuses_a_directory_without_manifest(db, tmp_path):
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "media.tar").write_bytes(b"")

    with pytest.raises(CommandError) as refused:
        restore(tmp_path / "half")

    assert str(refused.value) == (
        f"{tmp_path / 'half'} holds no manifest.json: it is not a backup, or its backup did "
        "not finish."
    )


def test_backup_refuses_a_directory_that_holds_files(db, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")

    with pytest.raises(CommandError) as refused:
        backup(tmp_path / "used")

    assert str(refused.value) == f"{tmp_path / 'used'} is not empty: back up into a new directory."
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]


def test_backup_and_restore_report_their_progress(populated, tmp_path):
    progress = backup(tmp_path / "backup")
    rows = sum(map(len, source_rows().values()))

    lines = progress.splitlines()
    if connection.vendor == "postgresql":
        assert f"database rows {rows:,}/{rows:,} (" in lines[0]
    else:
        assert re.fullmatch(
            r"database [\d.,]+ [kM]B/[\d.,]+ [kM]B \([\d.,]+ [kM]B/s, [\d.]+ s\)", lines[0]
        )
    assert re.fullmatch(r"media 16\.4 kB/16\.4 kB \([\d.,]+ [kM]B/s, [\d.]+ s\)", lines[1])


def test_backup_says_plainly_that_the_database_is_unreachable(tmp_path):
    done = manage(
        "backup",
        str(tmp_path / "backup"),
        database_url=f"sqlite:///{tmp_path / 'no-such-folder' / 'portal.sqlite3'}",
        media_root=tmp_path / "media",
        check=False,
    )

    assert (done.returncode, done.stderr) == (
        1,
        "CommandError: The database could not be reached: unable to open database file.\n",
    )
    assert not (tmp_path / "backup").exists()
