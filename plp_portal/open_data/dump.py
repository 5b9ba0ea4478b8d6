"""Writing the open-data dump: one CSV per public table and ``datapackage.json``, and the zip
the "Open data" page offers.

Rows are read as ``values_list()`` through ``.iterator(chunk_size)`` and written as they come,
so memory stays flat however large the tables are. The zip is built beside the published one
and then renamed over it: a download never sees a half-written file.
"""

import csv
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from plp_portal.progress import Progress

from .datapackage import cell, descriptor
from .tables import TABLES, Table

CHUNK_SIZE = 2_000
DESCRIPTOR = "datapackage.json"
#: The file the "Open data" page offers, in PLP_OPEN_DATA_DIR.
DUMP_NAME = "plp-open-data.zip"


def write_dump(directory: Path, progress: Progress) -> dict[str, int]:
    """Write every table and the descriptor into `directory` (made if missing); the number of
    rows of each table."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        counts[table.name] = write_table(table, directory / f"{table.name}.csv", progress)
    package = descriptor(created=timezone.now())
    (directory / DESCRIPTOR).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    return counts


def write_table(table: Table, path: Path, progress: Progress) -> int:
    rows = table.rows()
    counter = progress.counter(table.name, rows.count())
    fields = table.model_fields()
    lookups = [field.attname for field in fields]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.columns())
        batch = []
        for row in rows.order_by(*table.primary_key()).values_list(*lookups).iterator(CHUNK_SIZE):
            batch.append([cell(field, value) for field, value in zip(fields, row, strict=True)])
            if len(batch) == CHUNK_SIZE:
                writer.writerows(batch)
                counter.advance(len(batch))
                batch = []
        writer.writerows(batch)
        counter.advance(len(batch))
    counter.finish()
    return counter.count


def publish_dump(progress: Progress) -> Path:
    """Write the dump and replace the published zip with it; the zip's path."""
    target = Path(settings.PLP_OPEN_DATA_DIR)
    target.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="building-", dir=target))
    try:
        write_dump(work / "files", progress)
        partial = work / DUMP_NAME
        files = sorted((work / "files").iterdir())
        counter = progress.counter("zip", sum(path.stat().st_size for path in files), "bytes")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, arcname=path.name)
                counter.advance(path.stat().st_size)
        counter.finish()
        os.replace(partial, target / DUMP_NAME)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target / DUMP_NAME


def published_dump() -> Path | None:
    path = Path(settings.PLP_OPEN_DATA_DIR) / DUMP_NAME
    return path if path.is_file() else None
