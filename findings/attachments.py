"""Checks on uploaded attachments: the type by content, the size, and the name.

Only PDF and office documents are accepted. The type is read from the file's first bytes
(and, for zip-based formats, from the archive's table of contents); the name's extension
must agree with it. A zip-based office file must also unpack to a bounded size in a bounded
number of entries (no zip bombs). Nothing is stored until every check has passed.

No file outlives its record: a stored file is deleted when the write that stored it fails
(``files_removed_on_failure``), and when its ``Attachment`` row is deleted, by any path,
once that deletion is committed (``remove_file_after_commit``).
"""

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
ALLOWED_EXTENSIONS = tuple(CONTENT_TYPES)
ALLOWED_HELP = gettext_lazy("PDF, Word, Excel, PowerPoint or OpenDocument files")


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "PLP_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def clean_attachment_name(raw_name: str) -> str:
    """A safe stored name, or ``ValidationError`` for names that try to leave their folder."""
    name = raw_name or ""
    if not name.strip():
        raise ValidationError(_("The file has no name."), code="name")
    if ".." in name or "/" in name or "\\" in name or "\x00" in name:
        raise ValidationError(
            _(
                "The file name may not contain “..”, slashes or backslashes: rename the file "
                "and upload it again."
            ),
            code="name",
        )
    if name.startswith("."):
        raise ValidationError(_("The file name may not start with a dot."), code="name")
    try:
        safe = get_valid_filename(os.path.basename(name))
    except Exception as error:  # SuspiciousFileOperation for names that clean to nothing
        raise ValidationError(
            _("The file name is not usable: rename the file."), code="name"
        ) from error
    return safe[-120:] if len(safe) > 120 else safe


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def _zip_kind(uploaded: UploadedFile) -> str | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODF_TYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for folder, kind in OOXML_FOLDERS.items():
                    if any(n.startswith(folder) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def detect_kind(uploaded: UploadedFile) -> str | None:
    """The document kind read from the content (``"pdf"``, ``"docx"`` …), or ``None``."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        # Legacy Word/Excel/PowerPoint share one container; the extension tells them apart.
        ext = _extension(uploaded.name or "")
        return ext if ext in {"doc", "xls", "ppt"} else "ole2"
    if head.startswith(ZIP_MAGIC):
        kind = _zip_kind(uploaded)
        uploaded.seek(0)
        return kind
    return None


def _size(n: int) -> str:
    return filesizeformat(n).replace("\xa0", " ")


ZIP_KINDS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
DAMAGED = gettext_lazy(
    "“%(name)s” is damaged: its contents cannot be read. Save it again from its application and "
    "upload the new file."
)


def check_unpacked(uploaded: UploadedFile, name: str) -> None:
    """Refuse an office file (a zip) that holds too many entries or unpacks to too much.

    The sizes the archive declares are checked first, which costs nothing. A declared size can
    lie, so every entry is then unpacked as a stream (nothing kept in memory): Python's zipfile
    stops at the declared size and checks the entry's CRC, so an entry holding more than it
    declares fails that check and the file is refused as damaged.
    """
    max_entries = settings.PLP_ATTACHMENT_MAX_ENTRIES
    max_unpacked = settings.PLP_ATTACHMENT_MAX_UNPACKED_BYTES
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
            if len(entries) > max_entries:
                raise ValidationError(
                    _(
                        "“%(name)s” holds %(count)s files; an office file may hold at most "
                        "%(limit)s."
                    )
                    % {"name": name, "count": f"{len(entries):,}", "limit": f"{max_entries:,}"},
                    code="archive",
                )
            declared = sum(entry.file_size for entry in entries)
            if declared > max_unpacked:
                raise ValidationError(
                    _(
                        "“%(name)s” unpacks to %(size)s; an office file may unpack to at "
                        "most %(limit)s."
                    )
                    % {"name": name, "size": _size(declared), "limit": _size(max_unpacked)},
                    code="archive",
                )
            for entry in entries:
                with archive.open(entry) as member:
                    while member.read(1024 * 1024):
                        pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as error:
        # RuntimeError: an entry that is encrypted, or (as its subclass NotImplementedError)
        # packed with a compression method zipfile cannot read.
        raise ValidationError(DAMAGED % {"name": name}, code="archive") from error
    finally:
        uploaded.seek(0)


def check_attachment(uploaded: UploadedFile) -> CheckedFile:
    """Validate an upload; raise ``ValidationError`` with a message for the person."""
    name = clean_attachment_name(uploaded.name)
    limit = max_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": _size(uploaded.size), "limit": _size(limit)},
            code="size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    ext = _extension(name)
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only %(allowed)s can be attached (%(extensions)s).")
            % {"allowed": ALLOWED_HELP, "extensions": "." + ", .".join(ALLOWED_EXTENSIONS)},
            code="type",
        )
    kind = detect_kind(uploaded)
    if kind is None or kind == "ole2":
        raise ValidationError(
            _(
                "The content of “%(name)s” is not a PDF, Word, Excel, PowerPoint or OpenDocument "
                "document, whatever its name says."
            )
            % {"name": name},
            code="type",
        )
    if kind != ext:
        raise ValidationError(
            _(
                "“%(name)s” is named .%(ext)s but its content is a .%(kind)s file: rename it "
                "to .%(kind)s."
            )
            % {"name": name, "ext": ext, "kind": kind},
            code="type",
        )
    if kind in ZIP_KINDS:
        check_unpacked(uploaded, name)
    return CheckedFile(name=name, content_type=CONTENT_TYPES[kind], size=uploaded.size)


def attachment_response(attachment) -> FileResponse:
    """The stored file as a download, with the type its content was checked to be."""
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )


# ---------------------------------------------------------------- the files' life cycle

#: The files stored by the write in progress (see ``files_removed_on_failure``).
_stored_by_this_write: ContextVar[list[tuple[Storage, str]] | None] = ContextVar(
    "plp_stored_attachment_files", default=None
)


@contextmanager
def files_removed_on_failure() -> Iterator[None]:
    """Around a write that stores attachment files (put it outside ``transaction.atomic``, so a
    failed commit counts too): if the write raises, the files it stored are deleted, since the
    rows that named them were rolled back. Nested uses hand their files to the outer one."""
    stored: list[tuple[Storage, str]] = []
    token = _stored_by_this_write.set(stored)
    try:
        yield
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
    finally:
        _stored_by_this_write.reset(token)
    outer = _stored_by_this_write.get()
    if outer is not None:
        outer.extend(stored)


def check_uploads(uploads, field: str) -> list[tuple[str, UploadedFile, CheckedFile]]:
    """Check every upload ({"title", "file"} mappings) before any is stored; one bad file
    stores nothing. A refusal is a ValidationError on ``field`` (the form's or API's name)."""
    checked = []
    for upload in uploads:
        file = upload["file"]
        try:
            info = check_attachment(file)
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from error
        title = (upload.get("title") or "").strip() or info.name
        checked.append((title, file, info))
    return checked


def store_uploads(row_for, user, checked) -> list:
    """Store each checked upload and its row, made by ``row_for(**fields)`` (an Attachment of
    a finding, an OutputFile of an output); callers wrap the write in
    ``files_removed_on_failure`` so a later failure leaves no file behind."""
    stored = []
    for title, file, info in checked:
        row = row_for(
            title=title[:255],
            content_type=info.content_type,
            size=info.size,
            uploaded_by=user if user and user.is_authenticated else None,
        )
        row.full_clean(exclude=["file"])
        store_attachment_file(row, file, info.name)
        row.save()
        stored.append(row)
    return stored


def store_attachment_file(attachment, uploaded: UploadedFile, name: str) -> None:
    """Write the upload to storage under ``name`` before the row is saved, remembering it so
    that a failure later in the same write removes it again."""
    attachment.file.save(name, uploaded, save=False)
    stored = _stored_by_this_write.get()
    if stored is not None:
        stored.append((attachment.file.storage, attachment.file.name))


def remove_file_after_commit(sender, instance, using, **kwargs) -> None:
    """``post_delete`` of ``Attachment`` (every deletion: one row, a queryset, a cascade from
    its finding): the file goes once the deletion is committed; a rolled-back deletion keeps
    both. A file another row still names is kept."""
    name = instance.file.name
    if not name:
        return
    storage = instance.file.storage

    def remove() -> None:
        if not sender._default_manager.using(using).filter(file=name).exists():
            storage.delete(name)

    transaction.on_commit(remove, using=using)
