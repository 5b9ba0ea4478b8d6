"""Sessions end after PLP_SESSION_IDLE_MINUTES without a request (PLP_STAFF_SESSION_IDLE_MINUTES
for staff) and PLP_SESSION_MAX_HOURS after signing in; a password change or a deactivation ends
an account's other sessions and its API tokens; "sign out everywhere else" on /en/me/."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from consortia.tokens import api_token_create
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new pass phrase 42"


def sign_in(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def age_session(client, **ages_in_seconds):
    """Move the session's clocks back: signed_in / seen by that many seconds."""
    session = client.session
    for name, seconds in ages_in_seconds.items():
        session[f"plp_{name}_at"] -= seconds
    session.save()


def signed_in(client) -> bool:
    return client.get(reverse("members:dashboard")).status_code == 200


@pytest.fixture
def member(member_a):
    return member_a


@pytest.fixture
def staff(curator):
    return curator


def test_a_member_s_session_ends_after_two_idle_hours(member):
    client = sign_in(member)
    age_session(client, seen=2 * 3600 + 1)

    response = client.get(reverse("members:dashboard"), follow=True)

    assert response.redirect_chain[0][0] == "/en/accounts/login/?next=/en/me/"
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in response.context["messages"]] == [
        "You were signed out after 120 minutes without activity. Please sign in again."
    ]


def test_a_member_active_within_two_hours_stays_signed_in(member):
    client = sign_in(member)
    age_session(client, seen=2 * 3600 - 60)

    assert signed_in(client)
    assert time.time() - client.session["plp_seen_at"] < 5


def test_staff_sessions_end_after_thirty_idle_minutes(staff, member):
    curator_client, member_client = sign_in(staff), sign_in(member)
    age_session(curator_client, seen=31 * 60)
    age_session(member_client, seen=31 * 60)

    assert curator_client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in curator_client.session
    assert signed_in(member_client)


def test_the_idle_time_is_a_setting(member, settings):
    settings.PLP_SESSION_IDLE_MINUTES = 5
    client = sign_in(member)
    age_session(client, seen=5 * 60 + 1)

    assert not signed_in(client)


def test_a_session_ends_twelve_hours_after_signing_in_however_active(member):
    client = sign_in(member)
    age_session(client, signed_in=12 * 3600 + 1)

    response = client.get(reverse("members:dashboard"), follow=True)

    assert "_auth_user_id" not in client.session
    assert [str(m) for m in response.context["messages"]] == [
        "You were signed out: sessions last at most 12 hours. Please sign in again."
    ]


def test_the_lifetime_is_a_setting(member, settings):
    settings.PLP_SESSION_MAX_HOURS = 1
    client = sign_in(member)
    age_session(client, signed_in=3601)

    assert not signed_in(client)


def test_an_expired_session_is_in_the_audit_log(member, audit_log):
    client = sign_in(member)
    age_session(client, seen=2 * 3600 + 1)

    client.get(reverse("members:dashboard"))

    expired = [entry for entry in audit_log.entries() if entry["event"] == "session_expired"]
    assert expired == [
        {
            "event": "session_expired",
            "user": member.pk,
            "address": "127.0.0.1",
            "request_id": expired[0]["request_id"],
            "reason": "idle",
        }
    ]


def change_password(client):
    return client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(member):
    here, elsewhere = sign_in(member), sign_in(member)

    assert change_password(here).status_code == 302

    assert signed_in(here)
    assert not signed_in(elsewhere)


def token_client(user) -> APIClient:
    _, key = api_token_create(user=user, name="script")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api


def test_a_token_stops_working_after_a_password_change(member, audit_log):
    api = token_client(member)
    assert api.get("/api/v1/tokens/").status_code == 200

    change_password(sign_in(member))

    assert api.get("/api/v1/tokens/").status_code == 401
    assert member.api_tokens.get().revoked_at is not None
    events = [(e["event"], e["user"], e.get("count")) for e in audit_log.entries()]
    assert ("password_changed", member.pk, None) in events
    assert ("tokens_revoked", member.pk, 1) in events


def test_a_password_reset_by_e_mail_revokes_the_tokens_too(member):
    api = token_client(member)

    member.set_password(NEW_PASSWORD)
    member.save()

    assert api.get("/api/v1/tokens/").status_code == 401


def test_a_stronger_password_hash_on_sign_in_is_no_password_change(member, settings):
    # Django re-hashes a password with the first hasher when someone signs in: not a change.
    api = token_client(member)
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]

    sign_in(member)

    member.refresh_from_db()
    assert member.password.startswith("pbkdf2_sha256$")
    assert api.get("/api/v1/tokens/").status_code == 200


def test_deactivating_an_account_ends_its_sessions_and_tokens_for_good(member, audit_log):
    client, api = sign_in(member), token_client(member)

    member.is_active = False
    member.save()
    member.is_active = True
    member.save()

    assert not signed_in(client)
    assert api.get("/api/v1/tokens/").status_code == 401
    assert ("account_deactivated", member.pk) in [
        (e["event"], e["user"]) for e in audit_log.entries()
    ]


def test_saving_an_account_otherwise_keeps_its_sessions_and_tokens(member):
    client, api = sign_in(member), token_client(member)

    member.first_name = "Ana"
    member.save()

    assert signed_in(client)
    assert api.get("/api/v1/tokens/").status_code == 200


def test_sign_out_everywhere_else_keeps_this_session_only(member, audit_log):
    here, elsewhere, other_user = sign_in(member), sign_in(member), sign_in(UserFactory())
    api = token_client(member)

    response = here.post(reverse("members:sign_out_elsewhere"), follow=True)

    assert response.redirect_chain == [(reverse("members:dashboard"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "You are signed out on every other browser and device. Your API tokens still work: "
        "revoke them under “API tokens” if they may be in the wrong hands."
    ]
    assert signed_in(here)
    assert not signed_in(elsewhere)
    assert other_user.get("/").wsgi_request.user.is_authenticated
    assert api.get("/api/v1/tokens/").status_code == 200
    assert ("sessions_ended", member.pk) in [(e["event"], e["user"]) for e in audit_log.entries()]


def test_the_dashboard_offers_sign_out_everywhere_else(member):
    page = sign_in(member).get(reverse("members:dashboard")).content.decode()

    assert f'<form method="post" action="{reverse("members:sign_out_elsewhere")}"' in page
    assert "Sign out everywhere else</button>" in page


def test_sign_out_everywhere_else_needs_a_signed_in_post(client, member):
    anonymous = client.post(reverse("members:sign_out_elsewhere"))
    by_get = sign_in(member).get(reverse("members:sign_out_elsewhere"))

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/")
    assert by_get.status_code == 405
