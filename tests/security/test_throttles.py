"""Rate limits on password resets, API tokens, uploads and sign-ins: a 429 with Retry-After
(a page for people, the API's error shape for programs), counted in the shared cache, and a
503, never a 500 and never a free pass, when that cache cannot be reached."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from consortia.tokens import ApiToken
from plp_portal.settings import cache_settings
from tests.factories import FindingFactory, UserFactory
from tests.members.test_attachments import form_data

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# As production configures it, with nothing listening on port 1: every cache call fails at once.
UNREACHABLE_REDIS = cache_settings("redis://127.0.0.1:1/0")


def minutes(seconds: int) -> str:
    count = -(-seconds // 60)
    return f"{count} minute" if count == 1 else f"{count} minutes"


def reset(client, email, address="203.0.113.9"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_ten_reset_requests_in_a_second_send_three_e_mails(client, db, mailoutbox, settings):
    settings.PLP_PASSWORD_RESET_EMAIL_RATE = "3/h"
    UserFactory(username="ana", email="ana@example.org")

    statuses = [reset(client, "ana@example.org").status_code for _ in range(10)]

    assert statuses == [302] * 3 + [429] * 7
    assert [message.to for message in mailoutbox] == [["ana@example.org"]] * 3


def test_the_e_mail_limit_holds_whatever_its_spelling_and_address(client, db, mailoutbox, settings):
    settings.PLP_PASSWORD_RESET_EMAIL_RATE = "1/h"
    UserFactory(username="ana", email="ana@example.org")

    first = reset(client, "ana@example.org", address="203.0.113.9")
    second = reset(client, " ANA@example.org ", address="198.51.100.7")

    assert [first.status_code, second.status_code] == [302, 429]
    assert len(mailoutbox) == 1


def test_a_refused_reset_is_a_friendly_page_with_retry_after(client, db, settings):
    settings.PLP_PASSWORD_RESET_EMAIL_RATE = "1/h"
    reset(client, "ana@example.org")

    refused = reset(client, "ana@example.org")

    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 3600
    assert refused["Cache-Control"] == "private, no-store"
    page = refused.content.decode()
    assert "<h1>Please wait a moment</h1>" in page
    assert f"Too many requests for this. Try again in {minutes(wait)}." in page
    # A lockout's page offers it, not this one (the language switcher leads to this address).
    main = page[page.index("<main") : page.index("</main>")]
    assert "/en/accounts/password_reset/" not in main


def test_resets_from_one_address_are_limited_whatever_the_e_mail(client, db, settings):
    settings.PLP_PASSWORD_RESET_RATE = "3/h"

    statuses = [reset(client, f"person{n}@example.org").status_code for n in range(4)]
    elsewhere = reset(client, "person9@example.org", address="198.51.100.7")

    assert statuses == [302, 302, 302, 429]
    assert elsewhere.status_code == 302


def test_a_refusal_is_in_the_audit_log(client, db, settings, audit_log):
    settings.PLP_PASSWORD_RESET_EMAIL_RATE = "1/h"
    reset(client, "nobody@example.org")

    reset(client, "nobody@example.org")

    (entry,) = audit_log.entries()
    assert entry == {
        "event": "throttled",
        "user": None,
        "address": "203.0.113.9",
        "request_id": entry["request_id"],
        "limit": "password_reset_email",
    }


def test_token_creation_is_limited_on_the_site_and_the_api_together(client, member_a, settings):
    settings.PLP_TOKEN_CREATE_RATE = "2/h"
    client.force_login(member_a)
    api = APIClient()
    api.force_authenticate(member_a)

    on_site = client.post(reverse("tokens:token_list"), {"name": "script"})
    by_api = api.post("/api/v1/tokens/", {"name": "script"}, format="json")
    refused_site = client.post(reverse("tokens:token_list"), {"name": "script"})
    refused_api = api.post("/api/v1/tokens/", {"name": "script"}, format="json")

    assert [on_site.status_code, by_api.status_code] == [200, 201]
    assert [refused_site.status_code, refused_api.status_code] == [429, 429]
    assert ApiToken.objects.filter(user=member_a).count() == 2
    body = refused_api.json()
    assert 0 < body["retry_after"] <= 3600
    assert body == {
        "detail": f"Too many requests for this. Try again in {minutes(body['retry_after'])}.",
        "code": "throttled",
        "retry_after": body["retry_after"],
    }
    assert refused_api["Retry-After"] == str(body["retry_after"])


def test_token_limits_are_per_account(client, member_a, member_b, settings):
    settings.PLP_TOKEN_CREATE_RATE = "1/h"
    client.force_login(member_a)
    client.post(reverse("tokens:token_list"), {"name": "script"})
    client.force_login(member_b)

    assert client.post(reverse("tokens:token_list"), {"name": "script"}).status_code == 200


def preview_with_file(client, finding, with_file=True):
    extra = {"action": "preview"}
    if with_file:
        extra["attachments-0-file"] = SimpleUploadedFile("r.pdf", PDF)
    return client.post(
        reverse("members:finding_edit", args=[finding.slug]), form_data(finding, **extra)
    )


def test_uploads_are_limited_per_account(client, member_a, settings):
    settings.PLP_UPLOAD_RATE = "2/h"
    draft = FindingFactory(consortium=member_a.consortium_accesses.get().consortium)
    client.force_login(member_a)

    statuses = [preview_with_file(client, draft).status_code for _ in range(3)]
    without_file = preview_with_file(client, draft, with_file=False)

    assert statuses == [200, 200, 429]
    assert without_file.status_code == 200


def test_sign_ins_from_one_address_are_limited_whatever_the_name(client, db, settings):
    settings.PLP_LOGIN_RATE = "3/h"

    statuses = [
        client.post(
            reverse("login"), {"username": f"user{n}", "password": "x"}, REMOTE_ADDR="203.0.113.9"
        ).status_code
        for n in range(4)
    ]
    admin = client.post(
        "/admin/login/", {"username": "user9", "password": "x"}, REMOTE_ADDR="203.0.113.9"
    )

    assert statuses == [200, 200, 200, 429]
    assert admin.status_code == 429


@pytest.mark.parametrize(
    "path", ["/en/accounts/login/", "/admin/login/", "/en/accounts/password_reset/"]
)
def test_without_the_cache_sign_in_steps_are_refused_not_crashed(client, db, settings, path):
    UserFactory(username="ana", email="ana@example.org")
    settings.CACHES = UNREACHABLE_REDIS

    refused = client.post(
        path, {"username": "ana", "password": "correct horse battery staple", "email": "ana@x.org"}
    )

    assert refused.status_code == 503
    assert refused["Retry-After"] == "30"
    assert "_auth_user_id" not in client.session
    assert (
        "This step is unavailable for a moment: we cannot check its rate limit. "
        "Please try again in a minute." in refused.content.decode()
    )


def test_without_the_cache_api_token_creation_is_refused_as_json(member_a, settings):
    api = APIClient()
    api.force_authenticate(member_a)
    settings.CACHES = UNREACHABLE_REDIS

    refused = api.post("/api/v1/tokens/", {"name": "script"}, format="json")

    assert refused.status_code == 503
    assert refused["Retry-After"] == "30"
    assert refused.json() == {
        "detail": "This step is unavailable for a moment: we cannot check its rate limit. "
        "Please try again in a minute.",
        "code": "unavailable",
        "retry_after": 30,
    }
    assert not ApiToken.objects.filter(user=member_a).exists()


@pytest.mark.parametrize("typo", ["10", "10/hour!", "ten/h", "10/w", ""])
def test_a_mistyped_rate_stops_the_start_up(monkeypatch, typo):
    from django.core.exceptions import ImproperlyConfigured

    from plp_portal.settings import env_rate

    monkeypatch.setenv("PLP_UPLOAD_RATE", typo)

    with pytest.raises(ImproperlyConfigured) as refused:
        env_rate("PLP_UPLOAD_RATE", "60/h")

    assert str(refused.value) == 'PLP_UPLOAD_RATE must be a rate such as "10/h" or "30/10m".'


def test_rates_may_count_several_units(monkeypatch):
    from plp_portal.settings import env_rate

    monkeypatch.setenv("PLP_UPLOAD_RATE", "30/10m")

    assert env_rate("PLP_UPLOAD_RATE", "60/h") == "30/10m"
