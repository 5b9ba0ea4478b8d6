"""Personal API tokens: made once and shown once, stored hashed, used, revoked, expired."""

import datetime as dt
import hashlib
import io
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from consortia.tokens import ApiToken, api_token_authenticate, api_token_create, api_token_revoke
from tests.factories import FindingFactory, UserFactory

pytestmark = pytest.mark.django_db


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_token_is_stored_as_a_sha256_digest_only(member_a):
    token, key = api_token_create(user=member_a, name="importer")

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert stored.prefix == key[:8]
    assert key not in {getattr(stored, f.attname) for f in ApiToken._meta.concrete_fields}
    assert len(key) >= 43


def test_token_and_bearer_keywords_both_authenticate(member_a, consortium_a):
    FindingFactory(consortium=consortium_a, slug="our-draft")
    _, key = api_token_create(user=member_a, name="script")
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert token_client.get("/api/v1/findings/our-draft/").status_code == 200
    assert bearer(key).get("/api/v1/findings/our-draft/").status_code == 200
    assert APIClient().get("/api/v1/findings/our-draft/").status_code == 404


def test_use_records_last_used_at(member_a):
    token, key = api_token_create(user=member_a, name="script")

    bearer(key).get("/api/v1/tokens/")

    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["Bearer unknown-key", "Token", "Bearer a b", "Token \xe9t\xe9"],
)
def test_bad_token_is_401_even_on_public_endpoints(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/themes/")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == 'Token realm="api"'


def test_revoked_token_stops_working(member_a):
    token, key = api_token_create(user=member_a, name="script")
    api_token_revoke(token=token)

    assert api_token_authenticate(key) is None
    assert bearer(key).get("/api/v1/tokens/").status_code == 401


def test_expired_token_stops_working(member_a):
    token, key = api_token_create(user=member_a, name="script")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))

    assert bearer(key).get("/api/v1/tokens/").status_code == 401


def test_token_of_an_inactive_user_stops_working(member_a):
    _, key = api_token_create(user=member_a, name="script")
    member_a.is_active = False
    member_a.save()

    assert bearer(key).get("/api/v1/tokens/").status_code == 401


def test_api_token_lifecycle(as_member_a, member_a):
    created = as_member_a.post("/api/v1/tokens/", {"name": "survey importer"}, format="json")

    assert created.status_code == 201
    key = created.json()["key"]
    token_id = created.json()["id"]
    assert created.json()["prefix"] == key[:8]
    listed = bearer(key).get("/api/v1/tokens/").json()["results"]
    assert [t["name"] for t in listed] == ["survey importer", "tests"]
    assert all("key" not in t for t in listed)
    assert "key" not in bearer(key).get(f"/api/v1/tokens/{token_id}/").json()

    revoked = as_member_a.delete(f"/api/v1/tokens/{token_id}/")

    assert revoked.status_code == 204
    assert bearer(key).get("/api/v1/tokens/").status_code == 401
    assert ApiToken.objects.get(pk=token_id).revoked_at is not None
    assert as_member_a.get(f"/api/v1/tokens/{token_id}/").status_code == 404
    assert as_member_a.delete(f"/api/v1/tokens/{token_id}/").status_code == 404
    assert [t["name"] for t in as_member_a.get("/api/v1/tokens/").json()["results"]] == ["tests"]


def test_api_token_needs_a_name_and_a_future_expiry(as_member_a):
    missing = as_member_a.post("/api/v1/tokens/", {}, format="json")
    past = as_member_a.post(
        "/api/v1/tokens/", {"name": "x", "expires_at": "2000-01-01T00:00:00Z"}, format="json"
    )

    assert missing.status_code == 400
    assert missing.json()["errors"] == {"name": ["This field is required."]}
    assert past.status_code == 400
    assert list(past.json()["errors"]) == ["expires_at"]


def test_tokens_are_private_to_their_owner(as_member_b, member_a):
    token, _ = api_token_create(user=member_a, name="private")

    assert as_member_b.get(f"/api/v1/tokens/{token.pk}/").status_code == 404
    assert as_member_b.delete(f"/api/v1/tokens/{token.pk}/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert [t["name"] for t in as_member_b.get("/api/v1/tokens/").json()["results"]] == ["tests"]


def test_anonymous_cannot_list_or_make_tokens(api):
    assert api.get("/api/v1/tokens/").status_code == 401
    assert api.post("/api/v1/tokens/", {"name": "x"}, format="json").status_code == 401


# /en/me/tokens/: the same life cycle on the site.


def test_me_tokens_needs_a_login(client):
    response = client.get("/en/me/tokens/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_me_tokens_shows_the_key_once_then_only_its_prefix(client):
    user = UserFactory(username="member")
    client.force_login(user)

    created = client.post("/en/me/tokens/", {"name": "spreadsheet sync"})
    token = ApiToken.objects.get(user=user)
    key = created.context["key"]
    listed = client.get("/en/me/tokens/")

    assert created.status_code == 200
    assert key in created.content.decode()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert listed.status_code == 200
    assert key not in listed.content.decode()
    assert f"{token.prefix}…" in listed.content.decode()
    assert created["Cache-Control"].startswith("max-age=0")


def test_me_tokens_refuses_a_token_without_name(client):
    client.force_login(UserFactory())

    response = client.post("/en/me/tokens/", {"name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert not ApiToken.objects.exists()


def test_me_tokens_revoke(client):
    user = UserFactory()
    token, key = api_token_create(user=user, name="old")
    client.force_login(user)

    response = client.post(f"/en/me/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    assert response["Location"] == "/en/me/tokens/"
    assert api_token_authenticate(key) is None


def test_me_tokens_cannot_revoke_someone_elses(client, member_a):
    token, key = api_token_create(user=member_a, name="theirs")
    client.force_login(UserFactory())

    assert client.post(f"/en/me/tokens/{token.pk}/revoke/").status_code == 404
    assert client.get(f"/en/me/tokens/{token.pk}/revoke/").status_code == 405
    assert api_token_authenticate(key) is not None


def test_api_token_command_prints_a_working_key(member_a):
    out = io.StringIO()

    call_command("api_token", "member-a", "--name", "ci", stdout=out)

    key = out.getvalue().strip()
    token = api_token_authenticate(key)
    assert token.user == member_a
    assert token.name == "ci"


def test_api_token_command_refuses_an_unknown_account(db):
    with pytest.raises(CommandError, match="No active account is called 'ghost'."):
        call_command("api_token", "ghost")


def test_api_token_name_longer_than_allowed_is_refused_even_with_padding(as_member_a):
    padded = "\x1d" + "x" * 80

    response = as_member_a.post("/api/v1/tokens/", {"name": padded}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "name": ["Ensure this value has at most 80 characters (it has 81)."]
    }


def test_me_tokens_form_asks_for_a_day_with_a_date_field_and_says_the_format(client, settings):
    settings.TIME_ZONE = "Europe/Paris"
    client.force_login(UserFactory())

    html = client.get("/en/me/tokens/").content.decode()

    assert '<label for="id_last_day">Last day it works (optional)</label>' in html
    assert (
        '<input type="date" name="last_day" aria-describedby="id_last_day_helptext" '
        'id="id_last_day">'
    ) in html
    assert (
        '<p class="muted" id="id_last_day_helptext">Pick the day from the calendar, or type it in '
        "the order the box shows; where the box is plain text, type year-month-day, e.g. "
        "2030-03-31. The token stops working at midnight at the end of that day (Europe/Paris "
        "time). Leave it empty for a token that works until you revoke it.</p>"
    ) in html
    assert '<button type="submit" class="button">Make token</button>' in html


def test_me_tokens_last_day_ends_at_midnight_in_the_portals_zone(client, settings):
    settings.TIME_ZONE = "Europe/Paris"
    user = UserFactory()
    client.force_login(user)

    client.post("/en/me/tokens/", {"name": "sync", "last_day": "2099-03-31"})

    token = ApiToken.objects.get(user=user)
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    assert token.expires_at == dt.datetime(2099, 4, 1, 0, 0, tzinfo=paris)


def test_me_tokens_refuses_a_month_first_or_past_day_with_a_message(client):
    client.force_login(UserFactory())

    month_first = client.post("/en/me/tokens/", {"name": "a", "last_day": "03/31/2099"})
    past = client.post("/en/me/tokens/", {"name": "b", "last_day": "2001-01-01"})

    assert month_first.context["form"].errors == {
        "last_day": ["Give the date as year-month-day, e.g. 2030-03-31."]
    }
    assert past.context["form"].errors == {
        "last_day": ["Give today or a later day, or leave it empty."]
    }
    assert not ApiToken.objects.exists()


def test_me_tokens_revoke_button_uses_the_site_button_style(client):
    user = UserFactory()
    api_token_create(user=user, name="old")
    client.force_login(user)

    html = client.get("/en/me/tokens/").content.decode()

    assert (
        '<button type="submit" class="button button--quiet button--small" '
        'aria-label="Revoke the token old">Revoke</button>'
    ) in html
