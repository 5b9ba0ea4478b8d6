import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from findings import services
from findings.attachments import check_attachment
from findings.models import Attachment
from tests.members.conftest import stored_files

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        (
            "report.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("figures.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("notes.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("old.doc", OLE2, "application/msword"),
    ],
)
def test_check_attachment_accepts_documents_by_content(name, content, content_type):
    checked = check_attachment(upload(name, content))
    assert (checked.name, checked.content_type, checked.size) == (name, content_type, len(content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "photo.pdf",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
            "The content of “photo.pdf” is not a PDF, Word, Excel, PowerPoint or OpenDocument "
            "document, whatever its name says.",
        ),
        (
            "script.docx",
            zip_bytes({"evil.sh": b"rm -rf /"}),
            "The content of “script.docx” is not a PDF, Word, Excel, PowerPoint or OpenDocument "
            "document, whatever its name says.",
        ),
        (
            "page.html",
            b"<html></html>",
            "Only PDF, Word, Excel, PowerPoint or OpenDocument files can be attached (.pdf, "
            ".docx, .xlsx, .pptx, .odt, .ods, .odp, .doc, .xls, .ppt).",
        ),
        (
            "report.docx",
            PDF,
            "“report.docx” is named .docx but its content is a .pdf file: rename it to .pdf.",
        ),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_check_attachment_refuses_wrong_types(name, content, message):
    with pytest.raises(ValidationError) as error:
        check_attachment(upload(name, content))
    assert error.value.messages == [message]


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "..\\..\\evil.pdf", "sub/dir.pdf", "a..pdf", "x\x00.pdf"]
)
def test_check_attachment_refuses_path_tricks(name):
    file = upload("placeholder.pdf", PDF)
    file._name = name  # as a door other than Django's multipart parser might hand it over
    with pytest.raises(ValidationError) as error:
        check_attachment(file)
    assert error.value.messages == [
        "The file name may not contain “..”, slashes or backslashes: rename the file and upload "
        "it again."
    ]


def test_check_attachment_refuses_hidden_names():
    with pytest.raises(ValidationError) as error:
        check_attachment(upload(".htaccess.pdf", PDF))
    assert error.value.messages == ["The file name may not start with a dot."]


def test_check_attachment_size_limit_is_a_setting(settings):
    settings.PLP_ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        check_attachment(upload("big.pdf", PDF + b"0" * 2000))
    assert error.value.messages == ["The file is 2.0 KB; the limit is 1.0 KB."]


def test_default_size_limit_is_ten_megabytes(settings):
    assert settings.PLP_ATTACHMENT_MAX_BYTES == 10 * 1024 * 1024


def form_data(finding, **extra):
    return {
        "title": finding.title,
        "summary": finding.summary,
        "body": finding.body,
        "version": finding.version,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "action": "save",
        **extra,
    }


def test_upload_through_the_form_stores_under_media_root(client, member_a, draft_a, media):
    client.force_login(member_a)
    response = client.post(
        reverse("members:finding_edit", args=[draft_a.slug]),
        form_data(
            draft_a, **{"attachments-0-title": "Report", "attachments-0-file": upload("r.pdf", PDF)}
        ),
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.content_type, attachment.size) == (
        "Report",
        "application/pdf",
        len(PDF),
    )
    assert attachment.uploaded_by == member_a
    assert stored_files(media) == [f"findings/{draft_a.pk}/r.pdf"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "fake.pdf",
            b"MZ\x90\x00 not a pdf",
            "The content of “fake.pdf” is not a PDF, Word, Excel, PowerPoint or OpenDocument "
            "document, whatever its name says.",
        ),
        ("..evil.pdf", PDF, None),
        ("big.pdf", PDF + b"0" * 3000, "The file is 3.0 KB; the limit is 2.0 KB."),
    ],
)
def test_bad_upload_through_the_form_is_a_form_error_and_stores_nothing(
    client, member_a, draft_a, media, settings, name, content, message
):
    settings.PLP_ATTACHMENT_MAX_BYTES = 2048
    client.force_login(member_a)
    response = client.post(
        reverse("members:finding_edit", args=[draft_a.slug]),
        form_data(draft_a, **{"attachments-0-file": upload(name, content)}),
    )
    assert response.status_code == 200
    errors = response.context["uploads"].forms[0].errors["file"]
    if message is None:  # Django's parser keeps "..evil.pdf": our check refuses it
        message = (
            "The file name may not contain “..”, slashes or backslashes: rename the file and "
            "upload it again."
        )
    assert errors == [message]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []
    draft_a.refresh_from_db()
    assert draft_a.version == 1


def test_service_refuses_a_bad_file_and_stores_nothing(member_a, draft_a, media):
    with pytest.raises(ValidationError) as error:
        services.finding_update(
            finding=draft_a,
            user=member_a,
            expected_version=1,
            add_attachments=[
                {"title": "Good", "file": upload("good.pdf", PDF)},
                {"title": "Bad", "file": upload("bad.pdf", b"plain text")},
            ],
        )
    assert list(error.value.message_dict) == ["attachments"]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == [] if media.exists() else True


def test_removing_an_attachment_deletes_its_file(
    client, member_a, draft_a, media, django_capture_on_commit_callbacks
):
    services.finding_update(
        finding=draft_a,
        user=member_a,
        expected_version=1,
        add_attachments=[{"title": "Report", "file": upload("r.pdf", PDF)}],
    )
    attachment = Attachment.objects.get()
    client.force_login(member_a)
    draft_a.refresh_from_db()
    # The file goes once the removal is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:finding_edit", args=[draft_a.slug]),
            form_data(draft_a, remove_attachments=[attachment.pk]),
        )
    assert response.status_code == 302
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_attachment_download_is_for_the_consortium_only(client, member_a, member_b, draft_a, media):
    services.finding_update(
        finding=draft_a,
        user=member_a,
        expected_version=1,
        add_attachments=[{"title": "Report", "file": upload("r.pdf", PDF)}],
    )
    url = reverse("members:attachment_download", args=[draft_a.slug, Attachment.objects.get().pk])
    client.force_login(member_b)
    assert client.get(url).status_code == 404
    client.force_login(member_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
