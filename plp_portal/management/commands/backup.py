from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from plp_portal.backups import BackupError
from plp_portal.backups.run import back_up
from plp_portal.progress import Progress


class Command(BaseCommand):
    help = (
        "Back up the whole portal into DIR (new or empty): the database (pg_dump of one "
        "snapshot on PostgreSQL, a consistent copy on SQLite), every uploaded file of "
        "MEDIA_ROOT as media.tar, and manifest.json (portal version, migrations, rows per "
        "table, checksums), written last. Restore it with `manage.py restore DIR`. Needs "
        "pg_dump on PostgreSQL. Progress goes to stderr; -v0 is silent."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="Where to write the backup.")

    def handle(self, *args, directory, verbosity, **options):
        progress = Progress(self.stderr.write if verbosity else None, interval=2.0)
        try:
            manifest = back_up(Path(directory), progress)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"The backup could not be written: {error}.") from None
        except DatabaseError as error:
            reason = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise CommandError(f"The database could not be reached: {reason}.") from None
        if verbosity:
            self.stdout.write(
                f"Backed up {manifest.rows:,} rows in {len(manifest.tables)} tables and "
                f"{len(manifest.media):,} files ({manifest.media_bytes / 1e6:,.1f} MB) to "
                f"{directory} in {progress.elapsed():.1f} s."
            )
