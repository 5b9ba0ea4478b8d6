"""Nothing private is kept by a browser or a proxy, and a page that only reads sets no cookie.

Every page under /en/me/ (members' workplace, tokens) and /en/accounts/ is sent with
`Cache-Control: private, no-store`, whatever its answer (a page, a redirect, a file, an error);
the API docs, read anonymously, set no CSRF cookie.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from findings.models import Attachment
from tests.factories import (
    FindingFactory,
    MembershipFactory,
    OutputFactory,
    PublishedFindingFactory,
    UserFactory,
)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PRIVATE_PREFIXES = ("me/", "accounts/")


def private_routes() -> set[str]:
    """The route of every URL pattern under /en/me/ and /en/accounts/, as Django lists them."""
    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            # The language prefix (/en/) is left out: the routes are the same in every language.
            own = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
            route = prefix + own
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith(PRIVATE_PREFIXES):
                found.add(route)

    walk(get_resolver().url_patterns, "")
    return found


# Each route above, with the request that reaches it in the test below.
COVERED = {
    "me/tokens/": "GET and POST /en/me/tokens/",
    "me/tokens/<int:pk>/revoke/": "POST /en/me/tokens/<pk>/revoke/",
    "me/consortia/<slug:slug>/invite/": "GET /en/me/consortia/silk/invite/",
    "me/": "GET /en/me/",
    "me/findings/new/": "GET /en/me/findings/new/",
    "me/findings/<slug:slug>/": "GET /en/me/findings/draft-a/",
    "me/findings/<slug:slug>/edit/": "GET /en/me/findings/draft-a/edit/",
    "me/findings/<slug:slug>/submit/": "POST /en/me/findings/draft-a/submit/",
    "me/findings/<slug:slug>/steps/<slug:action>/": "POST /en/me/findings/draft-a/steps/send-back/",
    "me/signoff/": "GET /en/me/signoff/",
    "me/outputs/new/": "GET /en/me/outputs/new/",
    "me/reactions/<slug:slug>/new/": "GET /en/me/reactions/published-b/new/",
    "me/outputs/<slug:slug>/": "GET /en/me/outputs/output-a/",
    "me/outputs/<slug:slug>/edit/": "GET /en/me/outputs/output-a/edit/",
    "me/outputs/<slug:slug>/steps/<slug:action>/": "POST /en/me/outputs/output-a/steps/submit/",
    "me/findings/<slug:slug>/translations/<str:language>/": (
        "GET /en/me/findings/draft-a/translations/fr/"
    ),
    "me/findings/<slug:slug>/attachments/<int:pk>/": "GET the draft's attachment",
    "accounts/login/": "GET /en/accounts/login/",
    "accounts/logout/": "POST /en/accounts/logout/",
    "accounts/password_change/": "GET /en/accounts/password_change/",
    "accounts/password_change/done/": "GET /en/accounts/password_change/done/",
    "accounts/password_reset/": "GET /en/accounts/password_reset/",
    "accounts/password_reset/done/": "GET /en/accounts/password_reset/done/",
    "accounts/reset/<uidb64>/<token>/": "GET a reset link",
    "accounts/reset/done/": "GET /en/accounts/reset/done/",
    "me/sign-out-elsewhere/": "POST /en/me/sign-out-elsewhere/",
    "me/two-factor/": "GET /en/me/two-factor/",
    "me/two-factor/recovery-codes/": "POST /en/me/two-factor/recovery-codes/",
    "me/two-factor/off/": "POST /en/me/two-factor/off/",
    "me/privacy/": "GET /en/me/privacy/",
    "me/privacy/my-data.json": "GET /en/me/privacy/my-data.json",
    "me/privacy/erasure/": "POST /en/me/privacy/erasure/",
    "me/privacy/erasure/withdraw/": "POST /en/me/privacy/erasure/withdraw/",
    "accounts/two-factor/": "GET /en/accounts/two-factor/",
    "accounts/two-factor/setup/": "GET /en/accounts/two-factor/setup/",
    "accounts/two-factor/setup/qr.svg": "GET /en/accounts/two-factor/setup/qr.svg",
}


def never_stored(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_the_test_below_reaches_every_private_route():
    assert private_routes() == set(COVERED)


@pytest.fixture
def draft_with_file(consortium_a, member_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    draft = FindingFactory(consortium=consortium_a, author=member_a, slug="draft-a")
    attachment = Attachment(
        finding=draft, title="White paper", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("white-paper.pdf", ContentFile(PDF), save=True)
    return draft, attachment


def test_every_members_page_is_never_stored(client, coordinator_a, draft_with_file):
    draft, attachment = draft_with_file
    client.force_login(coordinator_a)

    answers = {
        "dashboard": client.get("/en/me/"),
        "new finding": client.get("/en/me/findings/new/?consortium=silk"),
        "finding": client.get("/en/me/findings/draft-a/"),
        "edit": client.get("/en/me/findings/draft-a/edit/"),
        "translation": client.get("/en/me/findings/draft-a/translations/fr/"),
        "attachment": client.get(f"/en/me/findings/draft-a/attachments/{attachment.pk}/"),
        "invite": client.get("/en/me/consortia/silk/invite/"),
        "tokens": client.get("/en/me/tokens/"),
        # The answer that shows a new token's key, once.
        "token made": client.post("/en/me/tokens/", {"name": "my script"}),
    }
    token_id = coordinator_a.api_tokens.get().pk
    answers["revoke"] = client.post(f"/en/me/tokens/{token_id}/revoke/")
    answers["submit"] = client.post("/en/me/findings/draft-a/submit/", {"version": draft.version})
    # Submitted to the curators: no longer awaiting sign-off, so the step is refused.
    answers["step refused"] = client.post(
        "/en/me/findings/draft-a/steps/send-back/", {"version": draft.version + 1, "comment": "x"}
    )
    answers["sign-off queue"] = client.get("/en/me/signoff/")
    OutputFactory(consortium=draft.consortium, author=coordinator_a, slug="output-a")
    answers["new output"] = client.get("/en/me/outputs/new/")
    answers["output"] = client.get("/en/me/outputs/output-a/")
    answers["output edit"] = client.get("/en/me/outputs/output-a/edit/")
    answers["output submitted"] = client.post(
        "/en/me/outputs/output-a/steps/submit/", {"version": 1}
    )
    answers["someone else's finding"] = client.get("/en/me/findings/no-such-finding/")
    MembershipFactory(consortium=draft.consortium)
    PublishedFindingFactory(slug="published-b")  # another consortium's
    answers["reaction"] = client.get("/en/me/reactions/published-b/new/")

    assert {name: response.status_code for name, response in answers.items()} == {
        "dashboard": 200,
        "new finding": 200,
        "finding": 200,
        "edit": 200,
        "translation": 200,
        "attachment": 200,
        "invite": 200,
        "tokens": 200,
        "token made": 200,
        "revoke": 302,
        "submit": 302,
        "step refused": 409,
        "sign-off queue": 200,
        "someone else's finding": 404,
        "new output": 200,
        "output": 200,
        "output edit": 200,
        "output submitted": 302,
        "reaction": 200,
    }
    assert [name for name, response in answers.items() if not never_stored(response)] == []


def test_the_workplace_asked_for_anonymously_is_a_redirect_never_stored(client, db):
    response = client.get("/en/me/")

    assert response.status_code == 302
    assert never_stored(response)


def test_every_accounts_page_is_never_stored(client, member_a):
    uid = urlsafe_base64_encode(force_bytes(member_a.pk))
    reset_link = f"/en/accounts/reset/{uid}/{default_token_generator.make_token(member_a)}/"
    answers = {
        "login": client.get("/en/accounts/login/"),
        "password reset": client.get("/en/accounts/password_reset/"),
        "reset sent": client.get("/en/accounts/password_reset/done/"),
        "reset link": client.get(reset_link, follow=True),
        "reset done": client.get("/en/accounts/reset/done/"),
    }
    client.force_login(member_a)
    answers["password change"] = client.get("/en/accounts/password_change/")
    answers["password changed"] = client.get("/en/accounts/password_change/done/")
    answers["logout"] = client.post("/en/accounts/logout/")

    assert {name: response.status_code for name, response in answers.items()} == {
        "login": 200,
        "password reset": 200,
        "reset sent": 200,
        "reset link": 200,
        "reset done": 200,
        "password change": 200,
        "password changed": 200,
        "logout": 302,
    }
    assert [name for name, response in answers.items() if not never_stored(response)] == []


@pytest.mark.parametrize("address", ["/api/docs/", "/api/docs/?script="])
def test_reading_the_api_docs_sets_no_cookie(client, db, address):
    response = client.get(address)

    assert response.status_code == 200
    assert dict(response.cookies) == {}


def test_the_docs_send_a_signed_in_members_csrf_token_from_the_cookie(client, db):
    script = client.get("/api/docs/?script=").content.decode()

    assert 'readCookie("csrftoken")' in script
    assert 'request.headers["X-CSRFTOKEN"] = csrfToken;' in script


def test_every_sign_in_step_and_personal_data_page_is_never_stored(client, member_a, db):
    client.force_login(member_a)
    answers = {
        "two-step settings": client.get("/en/me/two-factor/"),
        "recovery codes": client.post("/en/me/two-factor/recovery-codes/"),
        "two-step off": client.post("/en/me/two-factor/off/"),
        "your data": client.get("/en/me/privacy/"),
        "data download": client.get("/en/me/privacy/my-data.json"),
        "erasure asked without a password": client.post("/en/me/privacy/erasure/"),
        "erasure withdrawn": client.post("/en/me/privacy/erasure/withdraw/"),
        "sign out elsewhere": client.post("/en/me/sign-out-elsewhere/"),
    }
    staff = UserFactory(is_staff=True)
    client.force_login(staff)  # a password alone: the second step is still to come
    answers["code page"] = client.get("/en/accounts/two-factor/")
    answers["app setup"] = client.get("/en/accounts/two-factor/setup/")
    answers["setup QR code"] = client.get("/en/accounts/two-factor/setup/qr.svg")

    assert {name: response.status_code for name, response in answers.items()} == {
        "two-step settings": 200,
        "recovery codes": 404,  # no app yet: nothing to renew
        "two-step off": 404,
        "your data": 200,
        "data download": 200,
        "erasure asked without a password": 400,
        "erasure withdrawn": 302,
        "sign out elsewhere": 302,
        "code page": 302,  # no app yet: to its setup
        "app setup": 200,
        "setup QR code": 200,
    }
    assert [name for name, response in answers.items() if not never_stored(response)] == []
