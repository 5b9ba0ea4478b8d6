"""The retention job: delete what has outlived its purpose (see consortia.retention)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from consortia.retention import JOBS

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Delete personal data past their retention period: expired sessions, API tokens "
        "revoked or expired more than PLP_RETENTION_TOKEN_DAYS ago, authenticator setups "
        "left unfinished for a day, and erasure records older than "
        "PLP_RETENTION_ERASURE_RECORD_DAYS. Run it daily (cron or a systemd timer). "
        "Progress goes to stderr; -v0 is silent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        now = timezone.now()
        for job in JOBS:
            rows = job.rows(now)
            total = rows.count()
            if dry_run:
                self._say(verbosity, f"{job.label}: {total} would be deleted.")
                continue
            deleted = 0
            while deleted < total:
                batch = list(rows.order_by("pk").values_list("pk", flat=True)[:BATCH])
                if not batch:
                    break
                rows.model.objects.filter(pk__in=batch).delete()
                deleted += len(batch)
                if total > BATCH and verbosity:
                    self.stderr.write(f"  {job.label}: {deleted} of {total}…")
            self._say(verbosity, f"{job.label}: {deleted} deleted.")

    def _say(self, verbosity: int, line: str) -> None:
        if verbosity:
            self.stdout.write(line)
