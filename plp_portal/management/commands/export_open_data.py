"""Write the open-data dump: every public table as CSV, with a Frictionless datapackage.json."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plp_portal.open_data.dump import publish_dump, write_dump
from plp_portal.progress import Progress


class Command(BaseCommand):
    help = (
        "Write every public table (consortia, organisations, memberships, people's public "
        "fields, events, sessions, contributions, breakouts, key points, themes, SDGs, "
        "published findings and their links) as CSV into DIR, with a datapackage.json that "
        "describes them. With --publish, build the zip the Open data page offers instead, in "
        "PLP_OPEN_DATA_DIR. Progress (count, rate, time left) goes to stderr; -v0 is silent."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", type=Path, help="where to write the files")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="replace the zip that the Open data page offers",
        )

    def handle(self, *args, directory, publish, verbosity, **options):
        if (directory is None) == (not publish):
            raise CommandError(_("Give a directory to write to, or --publish (not both)."))
        progress = Progress(self.stderr.write if verbosity else None)
        if publish:
            path = publish_dump(progress)
            done = _("Published %(path)s (%(size)s bytes) in %(seconds).1f s.")
            self.stdout.write(
                done
                % {"path": path, "size": f"{path.stat().st_size:,}", "seconds": progress.elapsed()}
            )
            return
        if directory.exists() and not directory.is_dir():
            raise CommandError(_("%(path)s is not a directory.") % {"path": directory})
        counts = write_dump(directory, progress)
        done = _("Wrote %(tables)d tables, %(rows)s rows, to %(path)s in %(seconds).1f s.")
        self.stdout.write(
            done
            % {
                "tables": len(counts),
                "rows": f"{sum(counts.values()):,}",
                "path": directory,
                "seconds": progress.elapsed(),
            }
        )
