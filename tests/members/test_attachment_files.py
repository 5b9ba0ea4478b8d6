"""No file outlives its record: a failed write removes the files it stored, and a deleted
Attachment row (by any path) takes its file along once the deletion is committed."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, connection, transaction

from findings import services
from findings.models import Attachment, Finding
from tests.members.conftest import stored_files
from tests.members.test_attachments import PDF, upload


class DiskFullForSecondFiles(FileSystemStorage):
    """A storage whose disk fills up on files named ``second…``."""

    def _save(self, name, content):
        if name.rsplit("/", 1)[-1].startswith("second"):
            raise OSError(28, "No space left on device")
        return super()._save(name, content)


@pytest.fixture
def disk_full_for_second_files(settings, media):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.DiskFullForSecondFiles"},
    }


def refuse_attachment_rows(execute, sql, params, many, context):
    """The database refuses to insert attachment rows (as a full disk or lost link would)."""
    if sql.startswith('INSERT INTO "findings_attachment"'):
        raise IntegrityError("could not extend file: No space left on device")
    return execute(sql, params, many, context)


def two_uploads():
    return [
        {"title": "First", "file": upload("first.pdf", PDF)},
        {"title": "Second", "file": upload("second.pdf", PDF)},
    ]


def test_storage_failure_on_a_later_file_removes_the_earlier_ones(
    member_a, draft_a, media, disk_full_for_second_files
):
    with pytest.raises(OSError, match="No space left on device"):
        services.finding_update(
            finding=draft_a, user=member_a, expected_version=1, add_attachments=two_uploads()
        )
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []
    draft_a.refresh_from_db()
    assert draft_a.version == 1


def test_database_failure_after_the_file_was_written_leaves_no_file(member_a, consortium_a, media):
    with connection.execute_wrapper(refuse_attachment_rows), pytest.raises(IntegrityError):
        services.finding_create(
            user=member_a,
            consortium=consortium_a,
            title="Cities convene",
            summary="They do.",
            add_attachments=two_uploads(),
        )
    assert Finding.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_a_successful_write_keeps_its_files(member_a, consortium_a, media):
    finding = services.finding_create(
        user=member_a,
        consortium=consortium_a,
        title="Cities convene",
        summary="They do.",
        add_attachments=two_uploads(),
    )
    assert stored_files(media) == [
        f"findings/{finding.pk}/first.pdf",
        f"findings/{finding.pk}/second.pdf",
    ]


def test_deleting_a_finding_by_any_path_removes_its_files_after_commit(
    member_a, draft_a, media, django_capture_on_commit_callbacks
):
    services.finding_update(
        finding=draft_a, user=member_a, expected_version=1, add_attachments=two_uploads()
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Finding.objects.filter(pk=draft_a.pk).delete()  # a queryset delete, cascading
    assert len(stored_files(media)) == 2  # not before the commit
    for callback in callbacks:
        callback()
    assert stored_files(media) == []


def test_a_rolled_back_deletion_keeps_the_files(
    member_a, draft_a, media, django_capture_on_commit_callbacks
):
    services.finding_update(
        finding=draft_a, user=member_a, expected_version=1, add_attachments=two_uploads()
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Attachment.objects.all().delete()
        raise RuntimeError("changed my mind")
    assert Attachment.objects.count() == 2
    assert len(stored_files(media)) == 2
