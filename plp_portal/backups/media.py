"""The uploaded files: one tar archive in the backup, checked file by file on the way back."""

import hashlib
import os
import secrets
import shutil
import tarfile
from pathlib import Path, PurePosixPath

from plp_portal.progress import Progress

from . import BackupError
from .checksums import CHUNK
from .manifest import StoredFile

# Where a restore unpacks before it swaps, inside MEDIA_ROOT so the swap is a rename even when
# MEDIA_ROOT is a mount point (NFS); never archived.
RESTORING_PREFIX = ".restoring-"


def media_files(root: Path) -> list[Path]:
    """Every file under `root`, sorted; anything else than files and folders is refused."""
    if not root.exists():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0].startswith(RESTORING_PREFIX):
            continue
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            raise BackupError(
                f"{path} is not a plain file or folder: a backup holds uploaded files only, "
                "move it out of the media folder."
            )
        if path.is_file():
            found.append(path)
    return found


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


class _Hashing:
    """Reads a file for tarfile, hashing and counting what passes."""

    def __init__(self, file, counter):
        self.file, self.counter, self.digest = file, counter, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.file.read(size)
        self.digest.update(chunk)
        self.counter.advance(len(chunk))
        return chunk


def archive(root: Path, target: Path, progress: Progress) -> dict[str, StoredFile]:
    """Write every file under `root` to the tar archive `target`; their sizes and checksums."""
    files = media_files(root)
    counter = progress.counter("media", sum(_size(path) for path in files), "bytes")
    stored = {}
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        for path in files:
            name = path.relative_to(root).as_posix()
            try:
                info = tar.gettarinfo(str(path), arcname=name)
                file = path.open("rb")
            except FileNotFoundError:
                continue  # deleted since it was listed (a draft's attachment): gone, not lost
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with file:
                hashing = _Hashing(file, counter)
                tar.addfile(info, hashing)
            stored[name] = StoredFile(size=info.size, sha256=hashing.digest.hexdigest())
    counter.finish()
    target.chmod(0o600)
    return stored


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The media archive names a file outside the media folder: {name}.")
    return path.as_posix()


def unpack(archive_path: Path, root: Path, expected: dict[str, StoredFile], progress: Progress):
    """Unpack into a fresh folder inside `root`, checking every file; returns that folder."""
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f"{RESTORING_PREFIX}{secrets.token_hex(4)}"
    staging.mkdir()
    counter = progress.counter("media", sum(s.size for s in expected.values()), "bytes")
    seen = set()
    try:
        with tarfile.open(archive_path, "r:") as tar:
            for member in tar:
                name = _safe_name(member.name)
                if not member.isfile():
                    raise BackupError(f"The media archive holds {name}, which is not a file.")
                wanted = expected.get(name)
                if wanted is None:
                    raise BackupError(f"The media archive holds {name}, which its manifest lacks.")
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                with target.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        counter.advance(len(chunk))
                if digest.hexdigest() != wanted.sha256 or member.size != wanted.size:
                    raise BackupError(f"{name} in the media archive differs from its checksum.")
                os.chmod(target, member.mode & 0o777)
                os.utime(target, (member.mtime, member.mtime))
                seen.add(name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"The media archive lacks {len(missing)} files, first {missing[0]}.")
    except tarfile.TarError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"The media archive cannot be read ({error}).") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    counter.finish()
    return staging


def swap_in(staging: Path, root: Path) -> None:
    """Replace everything in `root` by what `staging` (inside it) holds."""
    for entry in root.iterdir():
        if entry == staging:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staging.iterdir():
        entry.rename(root / entry.name)
    staging.rmdir()


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
