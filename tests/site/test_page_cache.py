"""The page cache's rules: who is served a shared page, what is stored, which headers say so."""

import datetime as dt
import os
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from findings import services
from plp_portal.content_changes import tag_versions
from tests.factories import EventFactory, PublishedFindingFactory
from tests.site import page_cache_urls

PUBLIC = "public, max-age=0, must-revalidate"


@pytest.fixture
def misbehaving_views(settings):
    settings.ROOT_URLCONF = "tests.site.page_cache_urls"
    page_cache_urls.RENDERS["count"] = 0


@pytest.fixture
def page(published_finding):
    return published_finding.get_absolute_url()


def cache_headers(response) -> dict:
    names = ("Cache-Control", "Vary", "ETag", "Last-Modified")
    return {name: response.get(name) for name in names}


def test_a_second_anonymous_read_is_served_without_a_query(client, page, django_assert_num_queries):
    first = client.get(page)

    with django_assert_num_queries(0):
        second = client.get(page)

    assert (second.status_code, second.content) == (200, first.content)
    assert cache_headers(second) == cache_headers(first)


def test_public_page_headers(client, page):
    response = client.get(page)

    headers = cache_headers(response)
    assert headers["Cache-Control"] == PUBLIC
    assert headers["Vary"] == "Cookie"  # the language is in the address
    assert headers["ETag"].startswith('W/"') and len(headers["ETag"]) == 24
    assert (
        abs(
            dt.datetime.strptime(headers["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT").timestamp()
            - dt.datetime.strptime(http_date(), "%a, %d %b %Y %H:%M:%S GMT").timestamp()
        )
        <= 2
    )


def test_api_read_headers_vary_on_accept_and_keep_the_findings_own_etag(client, page):
    listing = client.get("/api/v1/findings/")
    detail = client.get("/api/v1/findings/many-legal-entities/")

    assert (listing["Cache-Control"], listing["Vary"]) == (
        PUBLIC,
        "Cookie, Accept-Language, Accept",
    )
    assert detail["ETag"] == '"1"'  # the version a writer sends back as If-Match
    assert client.get("/api/v1/findings/many-legal-entities/")["ETag"] == '"1"'


def test_members_pages_are_never_stored(client, member_a):
    anonymous = client.get("/en/me/")
    client.force_login(member_a)
    signed_in = client.get("/en/me/")

    assert (anonymous.status_code, anonymous["Cache-Control"]) == (302, "private, no-store")
    assert (signed_in.status_code, signed_in["Cache-Control"]) == (200, "private, no-store")
    assert "ETag" not in signed_in


def test_a_signed_in_reader_is_never_served_nor_stores_a_shared_page(client, page, member_a):
    anonymous_before = client.get(page)
    client.force_login(member_a)

    signed_in = client.get(page)
    client.logout()
    anonymous_after = client.get(page)

    assert "Log out" in signed_in.content.decode()
    assert signed_in["Cache-Control"] == "private, no-store"
    assert "Log out" not in anonymous_after.content.decode()
    assert anonymous_after.content == anonymous_before.content


def test_an_api_token_caller_is_never_served_a_shared_answer(client, page, member_a):
    from consortia.tokens import api_token_create

    client.get("/api/v1/findings/")
    _, key = api_token_create(user=member_a, name="tests")

    response = client.get("/api/v1/findings/", HTTP_AUTHORIZATION=f"Token {key}")

    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_if_none_match_answers_304_without_rendering(client, page, django_assert_num_queries):
    etag = client.get(page)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(page, HTTP_IF_NONE_MATCH=etag)

    assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag)


def test_if_modified_since_answers_304_without_rendering(client, page, django_assert_num_queries):
    last_modified = client.get(page)["Last-Modified"]

    with django_assert_num_queries(0):
        response = client.get(page, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 304


def test_etag_and_last_modified_change_after_a_change_commits(
    client,
    page,
    published_finding,
    curator,
    django_capture_on_commit_callbacks,
):
    before = client.get(page)

    with django_capture_on_commit_callbacks(execute=True):
        services.finding_withdraw(finding=published_finding, user=curator, comment="Superseded.")
    revalidated = client.get(
        page,
        HTTP_IF_NONE_MATCH=before["ETag"],
    )
    by_date = client.get(page, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])

    assert revalidated.status_code == 200
    assert revalidated["ETag"] != before["ETag"]
    assert "<strong>Withdrawn.</strong>" in revalidated.content.decode()
    assert by_date.status_code == 200


def test_head_is_stored_apart_from_get_and_without_a_body(client, page, django_assert_num_queries):
    get = client.get(page)
    client.head(page)

    with django_assert_num_queries(0):
        head = client.head(page)

    assert (head.status_code, head.content) == (200, b"")
    assert head["Content-Length"] == get["Content-Length"]


def test_each_query_string_is_its_own_page(client, page):
    PublishedFindingFactory(title="Cooperative housing")

    everything = client.get("/en/findings/")
    searched = client.get("/en/findings/", {"q": "housing"})

    assert "Many legal entities" in everything.content.decode()
    assert "Many legal entities" not in searched.content.decode()


def test_a_response_that_sets_a_cookie_is_not_stored(client, misbehaving_views):
    first = client.get("/test/cookie/")
    second = client.get("/test/cookie/")

    assert (first.content, second.content) == (b"render 1", b"render 2")
    assert "ETag" not in second


@pytest.mark.parametrize("address", ["/test/private/", "/test/no-store/"])
def test_a_response_marked_private_or_no_store_is_not_stored(client, misbehaving_views, address):
    assert [client.get(address).content for _ in range(2)] == [b"render 1", b"render 2"]


def test_a_well_behaved_page_is_rendered_once(client, misbehaving_views):
    assert [client.get("/test/counting/").content for _ in range(2)] == [b"render 1"] * 2


def test_not_found_is_not_stored(client, db, django_assert_num_queries):
    client.get("/en/findings/no-such-finding/")

    with django_assert_num_queries(1):
        response = client.get("/en/findings/no-such-finding/")

    assert response.status_code == 404
    assert "ETag" not in response


def test_a_pending_message_or_session_cookie_bypasses_the_cache(client, misbehaving_views):
    client.get("/test/counting/")
    client.cookies["messages"] = "pending"

    assert client.get("/test/counting/").content == b"render 2"


def test_turned_off_every_read_renders(client, page, settings):
    settings.PLP_PAGE_CACHE = False
    client.get(page)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(page)

    assert len(queries.captured_queries) > 0
    assert "ETag" not in response
    assert "Cache-Control" not in response


def test_cached_api_answers_are_not_throttled(client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_read": "1/minute", "user_write": "100/minute"},
    }

    repeated = [client.get("/api/v1/themes/").status_code for _ in range(3)]
    another = client.get("/api/v1/sdgs/")

    assert repeated == [200, 200, 200]
    assert another.status_code == 429


def test_the_event_list_is_rendered_again_when_an_upcoming_event_ends(client, db):
    EventFactory(
        title="Closing plenary",
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(seconds=2.5),
    )
    before = client.get("/en/events/").content.decode()

    time.sleep(2.6)
    after = client.get("/en/events/").content.decode()

    upcoming, past = before.split('id="past-title"')
    assert "Closing plenary" in upcoming and "Closing plenary" not in past
    upcoming, past = after.split('id="past-title"')
    assert "Closing plenary" not in upcoming and "Closing plenary" in past


@pytest.mark.redis
def test_every_server_sees_the_same_tag_versions(db, settings, django_capture_on_commit_callbacks):
    url = os.environ["REDIS_URL"]
    settings.CACHES = {
        **settings.CACHES,
        "other_server": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": settings.PLP_CACHE_KEY_PREFIX,
        },
    }
    other_server = caches["other_server"]
    keys = ["content-version:findings.finding", "content-version:all"]
    before = tag_versions(["findings.finding"])

    with django_capture_on_commit_callbacks(execute=True):
        PublishedFindingFactory()

    after = tag_versions(["findings.finding"])
    assert after["findings.finding"] != before["findings.finding"]
    assert other_server.get_many(keys) == {
        "content-version:findings.finding": after["findings.finding"],
        "content-version:all": after["all"],
    }
