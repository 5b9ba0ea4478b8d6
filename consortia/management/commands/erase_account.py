"""Carry out an erasure from the command line (a request that reached the secretariat by
letter or e-mail, or one waiting in the admin)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from consortia.erasure import ErasureRefused, account_erase


class Command(BaseCommand):
    help = (
        "Erase the account USERNAME for good: its personal data, sessions, tokens, two-step "
        "sign-in and never-published findings are deleted; its published findings stay, "
        "credited to 'Former member'. Asks for confirmation unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account to erase.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, username, yes, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        if not yes:
            answer = input(f"Erase {username} for good? This cannot be undone. [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was erased.")
        try:
            record = account_erase(user=user, erased_by=None)
        except ErasureRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"Erased: {record} carried out; the account no longer exists.")
