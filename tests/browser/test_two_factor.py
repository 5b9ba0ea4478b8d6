"""A curator's first sign-in in a real browser: the QR code shows, a code from the app turns
two-step sign-in on, ten recovery codes are shown once, and the admin opens."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.two_factor import app_code

pytestmark = pytest.mark.browser


def test_curator_sets_up_the_app_at_first_sign_in(live_server, transactional_db, demo, page):
    base = live_server.url
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill("curator")
    page.locator("#id_password").fill("demo-password-for-tests")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    qr = page.get_by_role("img", name="QR code to add this portal to an authenticator app")
    expect(qr).to_be_visible()
    # Loaded and drawn (decode() waits for the image, and fails if it is broken), however
    # long the server takes to answer the image's request.
    loaded = "image => image.decode().then(() => image.naturalWidth > 0, () => false)"
    assert qr.evaluate(loaded) is True
    curator = get_user_model().objects.get(username="curator")
    device = TOTPDevice.objects.get(user=curator, confirmed=False)
    page.get_by_label("Code shown by the app").fill(app_code(device))
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.get_by_role("heading", name="Curate the programme")).to_be_visible()
