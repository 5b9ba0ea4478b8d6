"""Every answer of the portal carries the Content-Security-Policy: pages, errors, the admin,
the API and its docs, feeds, calendars, cached copies and refusals."""

import re
from pathlib import Path

import pytest

from tests.factories import EventFactory
from tests.two_factor import force_login_confirmed

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Swagger UI's stylesheet draws its icons as data: images; nothing else is added.
DOCS_POLICY = {**POLICY, "img-src": ["'self'", "data:"]}
TEMPLATE_DIRS = [Path(__file__).resolve().parents[2] / "templates"]


def policy_of(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header is not None, f"{response.request['PATH_INFO']} has no Content-Security-Policy"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.fixture
def event(db):
    return EventFactory(slug="final-event")


@pytest.mark.parametrize(
    "address",
    [
        "/en/",
        "/en/findings/",
        "/en/findings/many-legal-entities/",
        "/en/sdgs/8/",
        "/en/findings/feed.atom",
        "/en/events/final-event/calendar.ics",
        "/en/events/calendar.ics",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/en/accounts/login/",
        "/admin/login/",
        "/api/v1/findings/",
        "/api/v1/findings/many-legal-entities/",
        "/api/schema/",
        "/no-such-page/",
        "/api/v1/no-such-endpoint/",
    ],
)
def test_public_answers_carry_the_policy(client, published_finding, event, address):
    response = client.get(address)

    assert response.status_code in (200, 404)
    assert policy_of(response) == POLICY


@pytest.mark.parametrize("address", ["/api/docs/", "/api/docs/?script="])
def test_the_api_docs_carry_the_policy_with_data_images_only(client, db, address):
    response = client.get(address)

    assert response.status_code == 200
    assert policy_of(response) == DOCS_POLICY


def test_a_page_served_from_the_cache_carries_the_policy(client, published_finding):
    first = client.get("/en/findings/many-legal-entities/")
    again = client.get("/en/findings/many-legal-entities/")
    unchanged = client.get("/en/findings/many-legal-entities/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert unchanged.status_code == 304
    assert policy_of(again) == POLICY
    assert policy_of(unchanged) == POLICY


def test_members_and_curators_pages_carry_the_policy(client, member_a, curator):
    client.force_login(member_a)
    member_pages = [client.get("/en/me/"), client.get("/en/me/tokens/")]
    force_login_confirmed(client, curator)
    admin_pages = [client.get("/admin/"), client.get("/admin/findings/finding/")]

    assert [response.status_code for response in member_pages + admin_pages] == [200] * 4
    assert [policy_of(response) for response in member_pages + admin_pages] == [POLICY] * 4


def test_refusals_carry_the_policy(client, db):
    nul = client.get("/en/findings/?q=%00")
    not_allowed = client.post("/api/v1/findings/", {}, content_type="application/json")

    assert (nul.status_code, not_allowed.status_code) == (400, 401)
    assert policy_of(nul) == POLICY
    assert policy_of(not_allowed) == POLICY


@pytest.mark.urls("tests.security.failing_urls")
def test_a_server_error_carries_the_policy(client, db):
    client.raise_request_exception = False

    response = client.get("/test/failing/")

    assert response.status_code == 500
    assert policy_of(response) == POLICY


# A tag's attributes, for the scan below: <script …> with a src is a file, not inline code.
INLINE_CODE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"<[a-z][^>]*\sstyle=", re.I), "a style attribute"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I), "an event-handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_holds_inline_script_or_style():
    found = []
    for directory in TEMPLATE_DIRS:
        for template in sorted(directory.rglob("*.html")):
            text = template.read_text()
            for pattern, what in INLINE_CODE:
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{template.relative_to(directory)}:{line}: {what}")

    assert found == []
