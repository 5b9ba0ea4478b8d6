from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from plp_portal.backups import BackupError
from plp_portal.backups.run import restore
from plp_portal.progress import Progress


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup DIR`: checks its manifest and checksums, "
        "refuses a backup of a newer portal (migrations this code lacks) or of another "
        "database engine, then replaces the database (in one transaction) and MEDIA_ROOT and "
        "counts every table again. Refuses a database or media folder that holds data unless "
        "--force. Stop the portal's servers first. Progress goes to stderr; -v0 is silent."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="The backup to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database and media folder that already hold data.",
        )

    def handle(self, *args, directory, force, verbosity, **options):
        progress = Progress(self.stderr.write if verbosity else None, interval=2.0)
        try:
            restored = restore(Path(directory), force=force, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"The backup could not be restored: {error}.") from None
        except DatabaseError as error:
            reason = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise CommandError(f"The database could not be reached: {reason}.") from None
        if not verbosity:
            return
        manifest = restored.manifest
        self.stdout.write(
            f"Restored {manifest.rows:,} rows in {len(manifest.tables)} tables and "
            f"{len(manifest.media):,} files ({manifest.media_bytes / 1e6:,.1f} MB) from "
            f"{directory} (made {manifest.created_at} by portal {manifest.portal_version}) in "
            f"{progress.elapsed():.1f} s."
        )
        if restored.pending_migrations:
            self.stdout.write(
                f"This code has {restored.pending_migrations} migrations the backup lacks: "
                "run `manage.py migrate` before starting the portal."
            )
