"""Back up and restore a whole portal: the steps in order, each checked before the next."""

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from plp_portal.content_changes import ALL, content_changed
from plp_portal.progress import Progress

from . import BackupError, media, postgresql, sqlite
from .checksums import sha256_of
from .manifest import Manifest, StoredFile, portal_version, read
from .state import (
    content_tables,
    migrations_pending,
    migrations_unknown_here,
    row_counts,
)

ENGINES = {"postgresql": postgresql, "sqlite": sqlite}
MEDIA_FILE = "media.tar"


@dataclass
class Restored:
    manifest: Manifest
    pending_migrations: int


def _engine(connection):
    engine = ENGINES.get(connection.vendor)
    if engine is None:
        raise BackupError(
            f"Backups work on PostgreSQL and SQLite; this portal uses {connection.vendor}."
        )
    return engine


def _prepare(directory: Path) -> bool:
    """Make the backup directory (readable by its owner only); whether it was made here."""
    if directory.exists():
        if not directory.is_dir():
            raise BackupError(f"{directory} is a file, not a directory.")
        if any(directory.iterdir()):
            raise BackupError(f"{directory} is not empty: back up into a new directory.")
        return False
    directory.mkdir(parents=True, mode=0o700)
    return True


def _discard_partial(directory: Path, made_here: bool) -> None:
    if made_here:
        shutil.rmtree(directory, ignore_errors=True)
    else:
        for entry in directory.iterdir():
            entry.unlink(missing_ok=True)


def back_up(directory: Path, progress: Progress) -> Manifest:
    """Write a backup of the database and of MEDIA_ROOT into `directory` (new or empty)."""
    connection = connections[DEFAULT_DB_ALIAS]
    engine = _engine(connection)
    made_here = _prepare(directory)
    try:
        created_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        database, tables, migrations = engine.back_up(connection, directory, progress)
        stored_media = media.archive(Path(settings.MEDIA_ROOT), directory / MEDIA_FILE, progress)
        own_files = [database, directory / MEDIA_FILE]
        counter = progress.counter("checksums", sum(p.stat().st_size for p in own_files), "bytes")
        files = {
            path.name: StoredFile(size=path.stat().st_size, sha256=sha256_of(path, counter))
            for path in own_files
        }
        counter.finish()
        manifest = Manifest(
            portal_version=portal_version(),
            created_at=created_at,
            engine=connection.vendor,
            database=database.name,
            migrations=migrations,
            tables=tables,
            files=files,
            media=stored_media,
        )
        manifest.write(directory)  # last: a directory without it is no backup
    except BaseException:
        _discard_partial(directory, made_here)
        raise
    return manifest


def _check_files(directory: Path, manifest: Manifest, progress: Progress) -> None:
    counter = progress.counter("checking", sum(f.size for f in manifest.files.values()), "bytes")
    for name, stored in manifest.files.items():
        path = directory / name
        if not path.is_file():
            raise BackupError(f"The backup lacks {name}.")
        if path.stat().st_size != stored.size or sha256_of(path, counter) != stored.sha256:
            raise BackupError(f"{path} differs from its checksum: the backup is damaged.")
    counter.finish()


def _row_counts(connection) -> dict[str, int]:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        return row_counts(connection.vendor, cursor)


def _refuse_unless_empty(connection) -> None:
    content = content_tables(_row_counts(connection))
    stored = media.media_files(Path(settings.MEDIA_ROOT))
    if content or stored:
        biggest = sorted(content.items(), key=lambda item: -item[1])[:3]
        held = [f"{table} {rows:,} rows" for table, rows in biggest]
        if stored:
            held.append(f"{len(stored):,} files in {settings.MEDIA_ROOT}")
        raise BackupError(
            f"This portal already holds data ({', '.join(held)}): restore into an empty "
            "database, or pass --force to replace everything it holds."
        )


def restore(directory: Path, *, force: bool, progress: Progress) -> Restored:
    """Replace the database and MEDIA_ROOT by the backup in `directory`, after checking it."""
    manifest = read(directory)
    connection = connections[DEFAULT_DB_ALIAS]
    engine = _engine(connection)
    if manifest.engine != connection.vendor:
        raise BackupError(
            f"This backup holds a {manifest.engine} database and this portal uses "
            f"{connection.vendor}: move data between engines with dumpdata and loaddata."
        )
    unknown = migrations_unknown_here(manifest.migrations)
    if unknown:
        raise BackupError(
            f"This backup was made by a newer portal ({manifest.portal_version}, with "
            f"{len(unknown)} migrations this code lacks, first {unknown[0]}): upgrade the code "
            "before restoring it."
        )
    _check_files(directory, manifest, progress)
    if not force:
        _refuse_unless_empty(connection)
    media_root = Path(settings.MEDIA_ROOT)
    staging = media.unpack(directory / MEDIA_FILE, media_root, manifest.media, progress)
    try:
        if engine is postgresql:
            postgresql.restore(connection, directory / manifest.database, manifest.rows, progress)
        else:
            sqlite.restore(connection, directory / manifest.database, progress)
    except BaseException:
        media.discard(staging)
        raise
    media.swap_in(staging, media_root)
    counts = _row_counts(connection)
    if counts != manifest.tables:
        differing = sorted(set(counts.items()) ^ set(manifest.tables.items()))[0][0]
        raise BackupError(
            f"The restored database differs from its manifest ({differing}: "
            f"{manifest.tables.get(differing, 0):,} rows expected, {counts.get(differing, 0):,} "
            "found)."
        )
    try:
        content_changed(ALL)  # no page cached before the restore is served after it
    except Exception as error:
        raise BackupError(
            "The database and files are restored, but the cache could not be reached to retire "
            f"the pages cached before ({error}): empty it before serving the site."
        ) from None
    return Restored(manifest=manifest, pending_migrations=migrations_pending(manifest.migrations))
