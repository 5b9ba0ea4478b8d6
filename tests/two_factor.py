"""Signing in as staff in tests: staff reach the admin (and write through the API with their
session) only once a second factor has confirmed the session, as in real life.

``force_login_confirmed(client, user)`` is ``client.force_login`` plus that confirmation: it
gives the user a confirmed authenticator app and records it in the session, as the sign-in page
does after a right code. Tests of members keep ``client.force_login``; tests of staff use this.
Tests that go through the pages themselves type codes made with ``app_code``.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_app(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def force_login_confirmed(client, user):
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_app(user).persistent_id
    session.save()
    return client


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or ``steps_ahead`` periods later: a code is
    accepted once, so a second code in the same 30 seconds must be the next one)."""
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    clock.time = time.time() + steps_ahead * device.step
    return f"{clock.token():0{device.digits}d}"
