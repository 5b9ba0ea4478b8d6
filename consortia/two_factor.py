"""Two-step sign-in: a password, then a code from an authenticator app (TOTP) or a recovery code.

Staff must use it: the admin holds every unpublished finding and every member account. Members
may turn it on from ``/me/two-factor/``, and are then asked for a code as well. The devices are
django-otp's: one ``TOTPDevice`` (the app) and one ``StaticDevice`` holding the recovery codes,
each usable once. A session is "confirmed" once ``django_otp.login`` has recorded the device
that checked a code (``request.user.is_verified()``).
"""

import re

from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as record_device_in_session
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .sessions import end_sessions_of

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
_APP_CODE = re.compile(r"^\d{6}$")


class CodeRefused(Exception):
    """A code that confirms nothing; the message says what to do."""


def is_required_for(user) -> bool:
    """Staff cannot do without a second factor; members choose."""
    return bool(user.is_authenticated and user.is_staff)


def app_device(user, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_factor(user) -> bool:
    """Whether this account signs in with a code after its password."""
    return user.is_authenticated and (is_required_for(user) or has_second_factor(user))


def session_is_confirmed(user) -> bool:
    """A second factor confirmed this session (set by django-otp's middleware)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def must_confirm_second_factor(user) -> bool:
    """Signed in with a password only, but a code is needed before anything else."""
    if not user.is_authenticated or session_is_confirmed(user):
        return False
    return needs_second_factor(user)


def normalise(code: str) -> str:
    """Codes are read aloud and copied: spaces, hyphens and capitals do not matter."""
    return re.sub(r"[\s-]", "", code or "").lower()


def _wait_message(device) -> str | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
    return _("Too many wrong codes. Wait %(seconds)s seconds, then try again.") % {
        "seconds": seconds
    }


def _verify(device, code: str):
    """The device, reloaded, if it accepts ``code``; else None. django-otp's check, with its
    growing delay after each wrong code; the row is locked so a code works only once."""
    if device is None:
        return None
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        wait = _wait_message(locked)
        if wait:
            raise CodeRefused(wait)
        return locked if locked.verify_token(code) else None


def check_code(user, code: str):
    """The device that accepts ``code`` (six digits: the app; else a recovery code).

    Raises ``CodeRefused`` with what to do when no device accepts it."""
    code = normalise(code)
    if _APP_CODE.match(code):
        device = app_device(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    accepted = _verify(device, code)
    if accepted is None:
        raise CodeRefused(
            _(
                "This code is not right. Type the six digits your app shows now, or one of "
                "your unused recovery codes."
            )
        )
    return accepted


def confirm_session(request, device) -> None:
    """Record in the session that ``device`` confirmed it, under a new session key: the
    session now carries more rights than the one that typed only a password. (Django's
    update_session_auth_hash is how a signed-in session gets a new key and stays signed in.)"""
    record_device_in_session(request, device)
    update_session_auth_hash(request, request.user)


def device_for_setup(user) -> TOTPDevice:
    """The app device being set up (its key stays the same until it is confirmed)."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def app_confirm(*, user, code: str) -> tuple[TOTPDevice, list[str]]:
    """Turn the app on once it shows a right code; return the device and fresh recovery codes."""
    if has_second_factor(user):
        raise CodeRefused(_("Two-step sign-in is already on for this account."))
    device = _verify(app_device(user, confirmed=False), normalise(code))
    if device is None:
        raise CodeRefused(
            _(
                "This code is not right. Check that your app shows the account you just "
                "added, and type the six digits it shows now."
            )
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device, recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """New recovery codes, shown once; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_turn_off(*, user, code: str) -> None:
    """A member turns two-step sign-in off with a current code; staff cannot."""
    if is_required_for(user):
        raise CodeRefused(_("Staff accounts must keep two-step sign-in on."))
    check_code(user, code)
    _delete_devices(user)


@transaction.atomic
def two_factor_reset(*, user) -> int:
    """Forget every device of ``user`` (a lost phone) and end their sessions, so that the
    next sign-in sets up the app again. Returns how many devices were removed."""
    removed = _delete_devices(user)
    end_sessions_of(user)
    return removed


def _delete_devices(user) -> int:
    app_devices = TOTPDevice.objects.filter(user=user).count()
    recovery_devices = StaticDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # its codes go with it
    return app_devices + recovery_devices
