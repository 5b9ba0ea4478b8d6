"""Deletes files chosen on a finding form that was never saved (findings.pending_uploads)."""

from django.core.management.base import BaseCommand

from findings.pending_uploads import KEPT_FOR, purge_expired_pending_uploads


class Command(BaseCommand):
    help = (
        f"Delete files chosen on a finding form and kept for it, once they are older than "
        f"{KEPT_FOR} (the form was left without saving). Run it daily."
    )

    def handle(self, *args, verbosity=1, **options):
        removed = purge_expired_pending_uploads()
        if verbosity:
            self.stdout.write(f"Pending uploads: {removed} deleted.")
