import os
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from events.demo.accounts import load_accounts, missing_demo_accounts
from events.demo.loader import load_programme
from events.demo.tour import public_tour

# Staff sign in with a password and a code (consortia.two_factor), the demo curator too.
CURATOR_SECOND_STEP = (
    "The curator is staff and signs in in two steps. At the first sign-in the portal shows a "
    "QR code: scan it with an authenticator app (FreeOTP, Aegis, Google or Microsoft "
    "Authenticator...), type the 6-digit code it shows, and keep the 10 recovery codes. Each "
    "later sign-in asks for a fresh code after the password. Lost the app? "
    "`manage.py reset_two_factor curator`, then sign in again."
)


class Command(BaseCommand):
    help = (
        "Load the OECD Global Action's 2021 peer-learning programme and its final event, "
        "with a curator and one member account per consortium. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the demo accounts (default: $DEMO_PASSWORD, else generated "
            "for new accounts; existing accounts keep theirs).",
        )
        parser.add_argument("--no-accounts", action="store_true", help="Load the programme only.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create accounts even when DJANGO_DEBUG is off (never on a public site).",
        )

    def handle(self, *args, password=None, no_accounts=False, force=False, **options):
        self.verbosity = options["verbosity"]
        event = load_programme()
        self.say(f"Demo programme loaded: {event.title} ({event.slug}).")
        site = settings.PLP_SITE_URL.rstrip("/")
        self.say("What to look at first, without signing in:")
        for label, path in public_tour(event):
            self.say(f"  {label:<42} {site}{path}")
        if no_accounts:
            return
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with DJANGO_DEBUG off: they have known "
                "passwords. Use --no-accounts, or --force if you really mean it."
            )
        password = password or os.environ.get("DEMO_PASSWORD") or None
        if password is None and missing_demo_accounts():
            password = secrets.token_urlsafe(12)
        # The demo's submission would e-mail the curator a review request: on a developer's
        # console that is a page of raw e-mail between the command's own lines.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            accounts = load_accounts(password)
        self.say(f"Demo logins (sign in at {site}/accounts/login/):")
        for account in accounts:
            secret = password or "(unchanged)"
            self.say(f"  {account.username:<34} {secret:<18} {account.role}")
            self.say(f"  {'':<34} then go to {site}{account.start}")
            if account.admin:
                self.say(f"  {'':<34} the admin: {site}{account.admin}")
        if not password:
            self.say("Set a known password with --password or DEMO_PASSWORD.")
        self.say(CURATOR_SECOND_STEP)

    def say(self, line: str) -> None:
        if self.verbosity:
            self.stdout.write(line)
