import pytest
from django.db import connection


def test_robots_txt_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/me/",
        "Disallow: /en/accounts/",
        "Disallow: /fr/me/",
        "Disallow: /fr/accounts/",
        "Disallow: /es/me/",
        "Disallow: /es/accounts/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


@pytest.mark.django_db
def test_health_answers_without_touching_any_dependency(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_readiness_reports_every_check_ok(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_is_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "error", "migrations": "error", "cache": "ok"},
    }


@pytest.mark.django_db
def test_readiness_is_503_when_the_cache_fails(client, settings):
    # A Redis that nobody listens on: the cache cannot be reached.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.PLP_PAGE_CACHE = False

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "cache": "error"}


@pytest.mark.django_db
def test_readiness_is_503_while_migrations_are_not_applied(client, monkeypatch):
    from plp_portal import readiness

    monkeypatch.setattr(readiness, "_migrations_seen_applied", False)
    monkeypatch.setattr(
        readiness.MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)]
    )

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "error"


def test_health_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


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
        "OutputViewSet",
    ]
    assert all(v.lookup_value_regex is SLUG_PATTERN for v in slug_viewsets)
