import pytest
from django.db import connection


def test_robots_txt_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /me/",
        "Disallow: /accounts/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


@pytest.mark.django_db
def test_health_reports_ok_with_a_database(client):
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_health_reports_unavailable_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})


def test_health_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_sitemap_lists_public_pages_only(client, demo):
    from events.models import Event
    from tests.factories import EventFactory

    EventFactory(slug="in-preparation", status="draft")

    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/findings/pl4se-advanced-legal-frameworks/</loc>" in xml
    assert "<loc>http://testserver/events/mainstreaming-the-sse-2021/</loc>" in xml
    assert "<loc>http://testserver/sdgs/17/</loc>" in xml
    assert "<loc>http://testserver/people/karen-maguire/</loc>" in xml
    assert "in-preparation" not in xml
    assert "silk-draft-internationalisation-toolkit" not in xml  # a draft
    assert "sim-investors-and-sdg-reporting" not in xml  # awaiting review
    assert Event.objects.filter(slug="in-preparation").exists()


@pytest.mark.django_db
def test_sitemap_query_count_does_not_grow_with_findings(client, demo, settings):
    settings.PLP_PAGE_CACHE = False  # counts the queries of building it, not of the cache
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PublishedFindingFactory

    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    for _ in range(20):
        PublishedFindingFactory()
    with CaptureQueriesContext(connection) as after:
        client.get("/sitemap.xml")

    # Two per model section (a count for paging, then the rows), whatever the row count.
    assert len(after.captured_queries) == len(before.captured_queries) == 14


def test_every_slug_lookup_of_the_api_accepts_what_the_site_s_pages_accept():
    from django.urls.converters import SlugConverter

    from plp_portal.api import router
    from plp_portal.api_lookups import SLUG_PATTERN

    slug_viewsets = [v for _, v, _ in router.registry if getattr(v, "lookup_field", "") == "slug"]

    assert SLUG_PATTERN is SlugConverter.regex
    assert [v.__name__ for v in slug_viewsets] == [
        "ConsortiumViewSet",
        "OrganisationViewSet",
        "PersonViewSet",
        "EventViewSet",
        "ThemeViewSet",
        "FindingViewSet",
    ]
    assert all(v.lookup_value_regex is SLUG_PATTERN for v in slug_viewsets)
