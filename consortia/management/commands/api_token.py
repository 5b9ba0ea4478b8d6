"""Make a personal API token for an account and print its key (for scripts and CI)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from consortia.tokens import api_token_create


class Command(BaseCommand):
    help = "Make an API token for USERNAME and print the key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No active account is called {username!r}.") from error
        _, key = api_token_create(user=user, name=name)
        self.stdout.write(key)
