"""Drop the audit log's lines past their retention (PLP_AUDIT_RETENTION_DAYS); run it daily."""

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

PROGRESS_EVERY = 100_000


def _lines(count: int) -> str:
    return ngettext("%(count)d line", "%(count)d lines", count) % {"count": count}


def _written_at(line: bytes) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(json.loads(line)["time"])
    except (ValueError, KeyError, TypeError):
        return None
    return moment if moment.tzinfo else None


class Command(BaseCommand):
    help = (
        "Drop the audit log's lines older than PLP_AUDIT_RETENTION_DAYS (default 365) from "
        "the file PLP_AUDIT_LOG names. Lines that cannot be read are kept. Safe while the "
        "portal writes to the log: lines written meanwhile are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="keep this many days instead of PLP_AUDIT_RETENTION_DAYS",
        )

    def handle(self, *args, days=None, **options):
        days = settings.PLP_AUDIT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("Keep at least one day of audit lines (--days 1 or more).")
        if settings.PLP_AUDIT_LOG == "-":
            raise CommandError(
                "The audit log goes to standard error (PLP_AUDIT_LOG=-); "
                "whatever collects it keeps it, and prunes it."
            )
        path = Path(settings.PLP_AUDIT_LOG)
        if not path.exists():
            self.stdout.write(f"There is no audit log at {path} yet: nothing to prune.")
            return
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        try:
            kept, dropped, unreadable = self._prune(path, cutoff)
        except OSError as error:
            raise CommandError(f"Could not prune {path}: {error.strerror}.") from error
        summary = f"Kept {_lines(kept)} and dropped {_lines(dropped)} older than {days} days."
        if unreadable:
            summary += " " + ngettext(
                "%(count)d line could not be read and was kept.",
                "%(count)d lines could not be read and were kept.",
                unreadable,
            ) % {"count": unreadable}
        self.stdout.write(summary)

    def _prune(self, path: Path, cutoff: dt.datetime) -> tuple[int, int, int]:
        kept = dropped = unreadable = read = 0
        with (
            open(path, "rb") as old,
            tempfile.NamedTemporaryFile(
                "wb", dir=path.parent, prefix=f".{path.name}.", delete=False
            ) as new,
        ):
            try:
                for line in old:
                    read += 1
                    if read % PROGRESS_EVERY == 0:
                        self.stderr.write(f"Read {_lines(read)}…")
                    written_at = _written_at(line)
                    if written_at is not None and written_at < cutoff:
                        dropped += 1
                        continue
                    unreadable += written_at is None
                    kept += 1
                    new.write(line)
                # The portal may have appended while we read; those lines are recent.
                shutil.copyfileobj(old, new)
                new.flush()
                shutil.copymode(path, new.name)
                stat = path.stat()
                # Not root: the file is ours already, as the old one was.
                with contextlib.suppress(PermissionError):
                    os.chown(new.name, stat.st_uid, stat.st_gid)
                os.replace(new.name, path)
            except BaseException:
                os.unlink(new.name)
                raise
            # A worker writes to the old file until its next line (WatchedFileHandler then
            # reopens the path): carry over what landed there in the meantime.
            with open(path, "ab") as current:
                shutil.copyfileobj(old, current)
        return kept, dropped, unreadable
