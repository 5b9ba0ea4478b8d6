"""Files a member chose on the finding form, kept on the server while the form comes back
(an error elsewhere, a preview), so they need not be chosen again.

A browser never sends a chosen file twice: the form would come back with empty file boxes.
Instead each valid file is stored under ``pending-uploads/`` (in the media storage, which is
never served directly) and named in the member's session; the form shows it as "already
attached" with a box to take it off, and carries its token in a hidden field. Only tokens of
the member's own session count. Saving the finding attaches the files and forgets them;
``purge_expired_pending_uploads`` removes what was abandoned (``manage.py
purge_expired_data`` runs it).
"""

import datetime as dt
import secrets
from dataclasses import asdict, dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from plp_portal.sessions import session_store

from .attachments import clean_attachment_name

SESSION_KEY = "findings.pending_uploads"
FOLDER = "pending-uploads"
#: Kept this long for a form left open; the session usually ends sooner.
KEPT_FOR = dt.timedelta(days=1)


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    title: str
    size: int
    path: str
    stored_at: str

    def for_service(self) -> dict:
        """What ``findings.services`` takes as an upload: its title and the file."""
        return {"title": self.title, "file": File(default_storage.open(self.path), self.name)}


def _entries(request) -> dict:
    return session_store(request).get(SESSION_KEY, {})


def keep(request, uploads: list[dict]) -> list[PendingUpload]:
    """Store each `{"title", "file"}` upload for this session; return them as pending."""
    entries = dict(_entries(request))
    kept = []
    for upload in uploads:
        file, token = upload["file"], secrets.token_urlsafe(16)
        name = clean_attachment_name(file.name)
        file.seek(0)
        path = default_storage.save(f"{FOLDER}/{token}/{name}", file)
        pending = PendingUpload(
            token=token,
            name=name,
            title=(upload.get("title") or "").strip(),
            size=file.size,
            path=path,
            stored_at=timezone.now().isoformat(),
        )
        entries[token] = asdict(pending)
        kept.append(pending)
    session_store(request)[SESSION_KEY] = entries
    return kept


def carried(request) -> list[PendingUpload]:
    """The pending uploads the form carries (hidden ``pending`` fields) that belong to this
    session, less those the member ticked to take off (``pending_remove``), which are
    deleted."""
    entries = _entries(request)
    tokens = [token for token in request.POST.getlist("pending") if token in entries]
    removed = set(request.POST.getlist("pending_remove")) & set(tokens)
    forget(request, removed)
    return [PendingUpload(**entries[token]) for token in tokens if token not in removed]


def forget(request, tokens) -> None:
    """Delete the files of `tokens` and drop them from the session."""
    entries = dict(_entries(request))
    for token in tokens:
        entry = entries.pop(token, None)
        if entry:
            default_storage.delete(entry["path"])
    session_store(request)[SESSION_KEY] = entries


def purge_expired_pending_uploads(now=None) -> int:
    """Delete pending files older than KEPT_FOR (forms abandoned); return how many."""
    limit = (now or timezone.now()) - KEPT_FOR
    removed = 0
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    for folder in folders:
        _subfolders, names = default_storage.listdir(f"{FOLDER}/{folder}")
        for name in names:
            path = f"{FOLDER}/{folder}/{name}"
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
    return removed
