"""The manifest of a backup: what it holds, and how to tell that it is whole."""

import json
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from . import BackupError

NAME = "manifest.json"
FORMAT = 1


@dataclass
class StoredFile:
    size: int
    sha256: str


@dataclass
class Manifest:
    portal_version: str
    created_at: str
    engine: str  # the connection's vendor: "postgresql" or "sqlite"
    database: str  # the database file's name in the backup directory
    migrations: dict[str, list[str]]  # app label -> applied migrations, sorted
    tables: dict[str, int]  # table -> rows
    files: dict[str, StoredFile] = field(default_factory=dict)  # backup's own files
    media: dict[str, StoredFile] = field(default_factory=dict)  # path under MEDIA_ROOT
    format: int = FORMAT

    def write(self, directory: Path) -> None:
        path = directory / NAME
        path.write_text(json.dumps(asdict(self), indent=1, sort_keys=True) + "\n")
        path.chmod(0o600)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def media_bytes(self) -> int:
        return sum(stored.size for stored in self.media.values())


def portal_version() -> str:
    try:
        return metadata.version("plp-portal")
    except metadata.PackageNotFoundError:
        return "unknown"


def read(directory: Path) -> Manifest:
    path = directory / NAME
    if not directory.is_dir():
        raise BackupError(f"There is no backup directory at {directory}.")
    if not path.is_file():
        raise BackupError(
            f"{directory} holds no {NAME}: it is not a backup, or its backup did not finish."
        )
    try:
        data = json.loads(path.read_text())
        if data.get("format") != FORMAT:
            raise BackupError(
                f"{path} is in backup format {data.get('format')!r}; this portal reads format "
                f"{FORMAT}."
            )
        data["files"] = {name: StoredFile(**item) for name, item in data["files"].items()}
        data["media"] = {name: StoredFile(**item) for name, item in data["media"].items()}
        return Manifest(**data)
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{path} is not a readable manifest ({error}).") from None
