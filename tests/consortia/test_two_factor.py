"""Two-step sign-in: staff must set up and use an authenticator app before the admin; members
may turn it on from /en/me/ and are then asked for a code too."""

import base64
import io
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from consortia.two_factor import RECOVERY_CODE_COUNT
from findings.enums import FindingStatus
from tests.factories import FindingFactory, UserFactory
from tests.two_factor import app_code, confirmed_app, force_login_confirmed

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual password"
SETUP = "/en/accounts/two-factor/setup/"
VERIFY = "/en/accounts/two-factor/"
ADMIN = "/admin/"


@pytest.fixture
def staff(curator):
    curator.set_password(PASSWORD)
    curator.save()
    return curator


@pytest.fixture
def member(member_a):
    member_a.set_password(PASSWORD)
    member_a.save()
    return member_a


def sign_in_with_password(client, user, next_url=""):
    return client.post(
        "/en/accounts/login/", {"username": user.username, "password": PASSWORD, "next": next_url}
    )


def redirect_to(path: str, next_url: str) -> str:
    return f"{path}?next={quote(next_url, safe='')}"


def recovery_codes_on(page) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())


def set_up_app(client, user, next_url=ADMIN):
    """Go through the setup page as a person would; return the device and the codes shown."""
    client.get(SETUP, {"next": next_url})
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post(SETUP, {"code": app_code(device), "next": next_url})
    return TOTPDevice.objects.get(pk=device.pk), page


# ---------------------------------------------------------------- staff: first sign-in


def test_staff_signing_in_without_an_app_is_sent_to_set_one_up(client, staff):
    signed_in = sign_in_with_password(client, staff, "/admin/")
    admin = client.get(signed_in["Location"])

    assert signed_in["Location"] == "/admin/"
    assert admin.status_code == 302
    assert admin["Location"] == redirect_to(SETUP, "/admin/")


def test_staff_signing_in_through_the_admin_login_is_sent_to_set_up_too(client, staff):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": staff.username, "password": PASSWORD},
        follow=True,
    )

    assert response.redirect_chain == [("/admin/", 302), (redirect_to(SETUP, "/admin/"), 302)]
    assert response.templates[0].name == "consortia/two_factor_setup.html"


def test_setup_page_shows_the_key_and_a_qr_code_without_script(client, staff):
    sign_in_with_password(client, staff)

    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=staff)
    qr = client.get("/en/accounts/two-factor/setup/qr.svg")

    secret = base64.b32encode(device.bin_key).decode()
    assert device.confirmed is False
    assert " ".join(secret[i : i + 4] for i in range(0, 32, 4)) in page
    assert '<img class="qr-code" src="/en/accounts/two-factor/setup/qr.svg"' in page
    assert "<script" not in page and "style=" not in page
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml") and b"<script" not in qr.content
    assert "no-store" in qr["Cache-Control"]


def test_setup_keeps_the_same_key_when_the_page_is_reloaded(client, staff):
    sign_in_with_password(client, staff)
    client.get(SETUP)
    first_key = TOTPDevice.objects.get(user=staff).key

    client.get(SETUP)

    assert list(TOTPDevice.objects.filter(user=staff).values_list("key", flat=True)) == [first_key]


def test_staff_confirming_the_app_gets_ten_recovery_codes_and_the_admin(client, staff):
    sign_in_with_password(client, staff)

    device, page = set_up_app(client, staff)
    codes = recovery_codes_on(page)

    assert device.confirmed is True
    assert len(codes) == RECOVERY_CODE_COUNT == 10
    assert len(set(codes)) == 10
    assert sorted(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    ) == (sorted(codes))
    assert "no-store" in page["Cache-Control"]
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_at_setup_turns_nothing_on(client, staff):
    sign_in_with_password(client, staff)
    client.get(SETUP)

    page = client.post(SETUP, {"code": "000000"})

    assert page.status_code == 200
    assert page.context["form"].errors["code"] == [
        "This code is not right. Check that your app shows the account you just added, and "
        "type the six digits it shows now."
    ]
    assert TOTPDevice.objects.get(user=staff).confirmed is False
    assert StaticDevice.objects.filter(user=staff).exists() is False
    assert client.get(ADMIN)["Location"] == redirect_to(SETUP, ADMIN)


# ---------------------------------------------------------------- staff: later sign-ins


def test_staff_with_an_app_is_asked_for_a_code_before_the_admin(client, staff):
    confirmed_app(staff)
    sign_in_with_password(client, staff)

    response = client.get("/admin/findings/finding/")

    assert response.status_code == 302
    assert response["Location"] == redirect_to(VERIFY, "/admin/findings/finding/")


def test_staff_code_from_the_app_opens_the_admin(client, staff):
    device = confirmed_app(staff)
    sign_in_with_password(client, staff)
    key_before = client.session.session_key

    response = client.post(VERIFY, {"code": app_code(device), "next": "/admin/findings/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/findings/"
    assert client.session.session_key != key_before
    assert client.get("/admin/findings/").status_code == 200


def test_a_wrong_code_leaves_the_admin_closed(client, staff):
    confirmed_app(staff)
    sign_in_with_password(client, staff)

    page = client.post(VERIFY, {"code": "123456", "next": ADMIN})

    assert page.status_code == 200
    assert page.context["form"].errors["code"] == [
        "This code is not right. Type the six digits your app shows now, or one of your unused "
        "recovery codes."
    ]
    assert client.get(ADMIN)["Location"] == redirect_to(VERIFY, ADMIN)


def test_wrong_codes_in_a_row_make_the_next_try_wait(client, staff):
    device = confirmed_app(staff)
    sign_in_with_password(client, staff)
    client.post(VERIFY, {"code": "123456"})

    page = client.post(VERIFY, {"code": app_code(device)})

    assert page.context["form"].errors["code"] == [
        "Too many wrong codes. Wait 1 seconds, then try again."
    ]
    assert client.get(ADMIN).status_code == 302


def test_a_code_from_the_app_works_only_once(client, staff):
    device = confirmed_app(staff)
    code = app_code(device)
    sign_in_with_password(client, staff)
    client.post(VERIFY, {"code": code})
    other = type(client)()
    sign_in_with_password(other, staff)

    page = other.post(VERIFY, {"code": code})

    assert page.status_code == 200
    assert "code" in page.context["form"].errors


def test_a_recovery_code_signs_in_once(client, staff):
    sign_in_with_password(client, staff)
    _, page = set_up_app(client, staff)
    code = recovery_codes_on(page)[0]
    client.post("/en/accounts/logout/")

    sign_in_with_password(client, staff)
    used = client.post(VERIFY, {"code": code.upper(), "next": ADMIN}, follow=True)
    client.post("/en/accounts/logout/")
    sign_in_with_password(client, staff)
    again = client.post(VERIFY, {"code": code, "next": ADMIN})

    assert used.redirect_chain == [(ADMIN, 302)]
    assert [str(m) for m in used.context["messages"]] == [
        "You signed in with a recovery code: 9 codes are left. Make new ones from your "
        "two-step sign-in settings if you are running out."
    ]
    assert again.status_code == 200
    assert "code" in again.context["form"].errors


def test_verify_never_sends_the_browser_to_another_site(client, staff):
    device = confirmed_app(staff)
    sign_in_with_password(client, staff)

    response = client.post(VERIFY, {"code": app_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_a_password_alone_cannot_add_a_second_app(client, staff):
    confirmed_app(staff)
    sign_in_with_password(client, staff)

    setup_page = client.get(SETUP)
    posted = client.post(SETUP, {"code": "000000"})
    qr = client.get("/en/accounts/two-factor/setup/qr.svg")

    assert setup_page["Location"] == VERIFY
    assert posted["Location"] == VERIFY
    assert qr.status_code == 404
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_half_signed_in_account_can_still_log_out(client, staff):
    confirmed_app(staff)
    sign_in_with_password(client, staff)

    response = client.post("/en/accounts/logout/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_the_admin_itself_refuses_an_unconfirmed_staff_session(client, staff, settings):
    # Defence in depth: without the middleware, the admin still asks for more than a password.
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if m != "consortia.two_factor_middleware.SecondFactorRequiredMiddleware"
    ]
    confirmed_app(staff)
    client.force_login(staff)

    response = client.get("/admin/findings/finding/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/findings/finding/"


# ---------------------------------------------------------------- the API


def test_an_unconfirmed_staff_session_cannot_use_the_api(staff):
    finding = FindingFactory(status=FindingStatus.SUBMITTED)
    client = APIClient()
    confirmed_app(staff)
    client.force_login(staff)

    response = client.post(f"/api/v1/findings/{finding.slug}/publish/", {}, format="json")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This session has not finished signing in: enter the code from your "
        "authenticator app at /accounts/two-factor/ first.",
        "code": "authentication_failed",
    }
    finding.refresh_from_db()
    assert finding.status == FindingStatus.SUBMITTED


def test_a_confirmed_staff_session_writes_through_the_api(staff):
    finding = FindingFactory(status=FindingStatus.SUBMITTED)
    client = force_login_confirmed(APIClient(), staff)

    response = client.post(f"/api/v1/findings/{finding.slug}/publish/", {}, format="json")

    assert response.status_code == 200
    finding.refresh_from_db()
    assert finding.status == FindingStatus.PUBLISHED


# ---------------------------------------------------------------- members


def test_members_sign_in_with_a_password_alone_by_default(client, member):
    sign_in_with_password(client, member)

    assert client.get("/en/me/").status_code == 200
    assert client.get("/en/me/two-factor/").context["device"] is None


def test_member_turns_two_step_sign_in_on_and_is_then_asked_for_a_code(client, member):
    sign_in_with_password(client, member)
    device, page = set_up_app(client, member, next_url="/en/me/two-factor/")
    client.post("/en/accounts/logout/")

    sign_in_with_password(client, member)
    workspace = client.get("/en/me/")
    client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})

    assert len(recovery_codes_on(page)) == 10
    assert workspace["Location"] == redirect_to(VERIFY, "/en/me/")
    assert client.get("/en/me/").status_code == 200


def test_member_turns_it_off_with_a_current_code(client, member):
    device = confirmed_app(member)
    force_login_confirmed(client, member)

    response = client.post("/en/me/two-factor/off/", {"code": app_code(device)})

    assert response["Location"] == "/en/me/two-factor/"
    assert TOTPDevice.objects.filter(user=member).exists() is False
    assert client.get("/en/me/").status_code == 200


def test_member_cannot_turn_it_off_without_a_right_code(client, member):
    confirmed_app(member)
    force_login_confirmed(client, member)

    response = client.post("/en/me/two-factor/off/", {"code": "000000"})

    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_staff_cannot_turn_it_off(client, staff):
    device = confirmed_app(staff)
    force_login_confirmed(client, staff)

    response = client.post("/en/me/two-factor/off/", {"code": app_code(device)})

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_new_recovery_codes_replace_the_old_ones(client, member):
    sign_in_with_password(client, member)
    _, first = set_up_app(client, member)

    second = client.post("/en/me/two-factor/recovery-codes/")

    old, new = recovery_codes_on(first), recovery_codes_on(second)
    assert len(new) == 10 and set(old).isdisjoint(new)
    assert sorted(
        StaticToken.objects.filter(device__user=member).values_list("token", flat=True)
    ) == (sorted(new))


def test_recovery_codes_cannot_be_made_without_an_app(client, member):
    client.force_login(member)

    assert client.post("/en/me/two-factor/recovery-codes/").status_code == 404
    assert StaticToken.objects.exists() is False


# ---------------------------------------------------------------- a lost phone


def test_reset_forgets_the_devices_and_ends_the_sessions(client, staff):
    confirmed_app(staff)
    force_login_confirmed(client, staff)
    colleague = force_login_confirmed(type(client)(), UserFactory(is_staff=True))
    out = io.StringIO()

    call_command("reset_two_factor", staff.username, stdout=out)

    assert out.getvalue() == (
        f"Two-step sign-in reset for {staff.username}: authenticator app and recovery codes "
        "forgotten, every session ended.\n"
    )
    assert TOTPDevice.objects.filter(user=staff).exists() is False
    assert Session.objects.count() == 1
    assert client.get(ADMIN)["Location"].startswith("/admin/login/")
    assert colleague.get(ADMIN).status_code == 200


def test_reset_of_an_unknown_account_says_so(db):
    with pytest.raises(CommandError, match="^No account is called 'nobody'.$"):
        call_command("reset_two_factor", "nobody")
