"""Office files are zip archives: one that unpacks to far more than it weighs (a zip bomb),
holds too many entries or lies about its sizes is refused with a form error, unstored."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from findings.attachments import check_attachment
from findings.models import Attachment
from tests.members.conftest import stored_files
from tests.members.test_attachments import form_data

MB = 1024 * 1024
GIB = 1024 * MB


def docx(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def gigabyte_docx() -> bytes:
    """A 1 MB DOCX whose document unpacks to 1 GiB of zeros (made once: it takes seconds)."""
    buffer = io.BytesIO()
    zeros = bytes(MB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as document:
            for _ in range(GIB // MB):
                document.write(zeros)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refusal(name: str, content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        check_attachment(upload(name, content))
    return error.value.messages


def test_a_1_mb_docx_that_unpacks_to_1_gib_is_a_form_error(
    client, member_a, draft_a, media, gigabyte_docx
):
    assert len(gigabyte_docx) < 1.1 * MB
    client.force_login(member_a)

    response = client.post(
        reverse("members:finding_edit", args=[draft_a.slug]),
        form_data(draft_a, **{"attachments-0-file": upload("bomb.docx", gigabyte_docx)}),
    )

    assert response.status_code == 200
    assert response.context["uploads"].forms[0].errors["file"] == [
        "“bomb.docx” unpacks to 1.0 GB; an office file may unpack to at most 256.0 MB."
    ]
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_the_unpacked_limit_is_a_setting(settings):
    settings.PLP_ATTACHMENT_MAX_UNPACKED_BYTES = MB
    content = docx({"xl/sheet.xml": bytes(MB)})

    assert refusal("figures.xlsx", content) == [
        "“figures.xlsx” unpacks to 1.0 MB; an office file may unpack to at most 1.0 MB."
    ]
    settings.PLP_ATTACHMENT_MAX_UNPACKED_BYTES = 2 * MB
    assert check_attachment(upload("figures.xlsx", content)).size == len(content)


def test_too_many_entries_are_refused(settings):
    settings.PLP_ATTACHMENT_MAX_ENTRIES = 50
    content = docx({f"ppt/slides/slide{n}.xml": b"<p:sld/>" for n in range(50)})

    assert refusal("slides.pptx", content) == [
        "“slides.pptx” holds 51 files; an office file may hold at most 50."
    ]


def test_the_default_entry_limit_is_five_thousand():
    content = docx({f"ppt/slides/slide{n}.xml": b"" for n in range(5000)})

    assert refusal("slides.pptx", content) == [
        "“slides.pptx” holds 5,001 files; an office file may hold at most 5,000."
    ]


def with_declared_size(content: bytes, entry: str, declared: int) -> bytes:
    """The archive, with `entry`'s unpacked size rewritten as `declared` in its local header
    and its central directory record (a bomb that lies about its size)."""
    data = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(entry)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    record = data.find(b"PK\x01\x02")
    while record != -1:
        name_length = struct.unpack_from("<H", data, record + 28)[0]
        if data[record + 46 : record + 46 + name_length] == entry.encode():
            struct.pack_into("<I", data, record + 24, declared)
        record = data.find(b"PK\x01\x02", record + 4)
    return bytes(data)


def test_an_archive_that_lies_about_its_sizes_is_refused(settings):
    settings.PLP_ATTACHMENT_MAX_UNPACKED_BYTES = MB
    honest = docx({"word/document.xml": bytes(3 * MB)})
    lying = with_declared_size(honest, "word/document.xml", 1000)

    assert refusal("report.docx", lying) == [
        "“report.docx” is damaged: its contents cannot be read. Save it again from its "
        "application and upload the new file."
    ]


def with_entry_header(content: bytes, entry: str, *, flags: int = 0, method: int | None = None):
    """The archive with `entry`'s general-purpose flags or compression method rewritten in its
    local header and its central directory record."""
    data = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(entry)
    records = [info.header_offset + 6]  # local header: flags at +6, method at +8
    record = data.find(b"PK\x01\x02")
    while record != -1:
        name_length = struct.unpack_from("<H", data, record + 28)[0]
        if data[record + 46 : record + 46 + name_length] == entry.encode():
            records.append(record + 8)  # central directory: flags at +8, method at +10
        record = data.find(b"PK\x01\x02", record + 4)
    for at in records:
        struct.pack_into("<H", data, at, struct.unpack_from("<H", data, at)[0] | flags)
        if method is not None:
            struct.pack_into("<H", data, at + 2, method)
    return bytes(data)


@pytest.mark.parametrize(
    "change", [{"flags": 0x1}, {"method": 99}], ids=["encrypted", "unknown compression"]
)
def test_an_entry_that_cannot_be_unpacked_is_refused_as_damaged(change):
    content = with_entry_header(
        docx({"word/document.xml": b"<w:document/>"}), "word/document.xml", **change
    )

    assert refusal("report.docx", content) == [
        "“report.docx” is damaged: its contents cannot be read. Save it again from its "
        "application and upload the new file."
    ]


def test_ordinary_office_files_are_accepted():
    content = docx({"word/document.xml": b"<w:document>" + b"text " * 20_000 + b"</w:document>"})

    assert check_attachment(upload("report.docx", content)).content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
