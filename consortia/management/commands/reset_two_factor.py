"""A lost or replaced phone: forget an account's authenticator app and recovery codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from consortia.two_factor import two_factor_reset


class Command(BaseCommand):
    help = (
        "Forget the authenticator app and recovery codes of USERNAME (a lost phone) and sign "
        "the account out everywhere. At their next sign-in, staff set up a new app; a member "
        "signs in with the password alone until they turn two-step sign-in on again. Check "
        "who is asking before you run it, and consider a new password too."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account whose devices are forgotten.")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        removed = two_factor_reset(user=user)
        if removed == 0:
            self.stdout.write(f"{username} had no two-step sign-in set up; sessions ended.")
            return
        self.stdout.write(
            f"Two-step sign-in reset for {username}: authenticator app and recovery codes "
            "forgotten, every session ended."
        )
