"""Failed sign-ins lock out a name from an address, on the site and in the admin alike, for
PLP_LOGIN_COOLOFF_MINUTES after PLP_LOGIN_FAILURE_LIMIT failures."""

import datetime as dt

import pytest
from axes.models import AccessAttempt

from plp_portal.audit_log import username_digest
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
SITE = "/en/accounts/login/"
ADMIN = "/admin/login/"


@pytest.fixture
def staff(db):
    return UserFactory(username="curator", is_staff=True)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def sign_in(client, path, password, address="203.0.113.9", **extra):
    return client.post(
        path, {"username": "curator", "password": password}, REMOTE_ADDR=address, **extra
    )


def fail(client, times, path=SITE, address="203.0.113.9"):
    return [sign_in(client, path, "wrong", address).status_code for _ in range(times)]


def test_the_right_password_is_refused_after_too_many_wrong_ones(client, staff):
    assert fail(client, 3) == [200, 200, 429]

    refused = sign_in(client, SITE, PASSWORD)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    page = refused.content.decode()
    assert "Too many failed sign-ins" in page
    assert "Try again in 15 minutes" in page
    assert 'href="/en/accounts/password_reset/"' in page


def test_a_lockout_on_the_site_holds_on_the_admin(client, staff):
    fail(client, 3, path=SITE)

    refused = sign_in(client, ADMIN, PASSWORD)

    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_in_the_admin_holds_on_the_site(client, staff):
    assert fail(client, 3, path=ADMIN) == [200, 200, 429]

    assert sign_in(client, SITE, PASSWORD).status_code == 429


def test_the_lockout_ends_after_the_cool_off(client, staff):
    fail(client, 3)
    # Fifteen minutes and a second pass.
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15, seconds=1)
    )

    signed_in = sign_in(client, SITE, PASSWORD)

    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_the_lockout_is_for_that_name_from_that_address(client, staff):
    fail(client, 3, address="203.0.113.9")

    # The account's owner, elsewhere, still signs in; the attacker's address stays locked out.
    assert sign_in(client, SITE, PASSWORD, address="198.51.100.20").status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(client, staff):
    fail(client, 2)
    assert sign_in(client, SITE, PASSWORD).status_code == 302
    client.logout()

    assert fail(client, 2) == [200, 200]


def test_a_lockout_asked_for_json_is_the_api_s_error_shape(client, staff):
    fail(client, 2)

    refused = sign_in(client, SITE, "wrong", HTTP_ACCEPT="application/json")

    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"
    assert refused.json() == {
        "detail": "Too many failed sign-ins for this account from your address. "
        "Try again in 15 minutes.",
        "code": "locked_out",
        "retry_after": 900,
    }


def test_a_lockout_is_in_the_audit_log(client, staff, audit_log):
    fail(client, 3)

    entries = audit_log.entries()
    # The third failure locks out as it is counted, so its line follows the lockout's.
    assert [entry["event"] for entry in entries] == [
        "login_failed",
        "login_failed",
        "lockout",
        "login_failed",
    ]
    assert entries[2] == {
        "event": "lockout",
        "user": staff.pk,
        "address": "203.0.113.9",
        "request_id": entries[2]["request_id"],
        "username_digest": username_digest("curator"),
    }


def test_a_name_longer_than_any_account_s_is_refused_and_counted_without_a_500(client, db):
    long_name = "x" * 5000

    answers = [
        client.post(SITE, {"username": long_name, "password": "wrong"}).status_code
        for _ in range(3)
    ]

    assert answers == [200, 200, 429]
    assert [len(name) for name in AccessAttempt.objects.values_list("username", flat=True)] == [150]
