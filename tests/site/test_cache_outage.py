"""Redis stopped or stalled: public pages and the API's anonymous reads keep answering, fast.

The cache is configured as production configures it (``settings.cache_settings``), pointed at
a port where nothing listens (stopped) or at a proxy that accepts and never answers (stalled).
"""

import logging
import socket
import time

import pytest
import redis
from django.core.cache import cache, caches

from plp_portal.cache_outage import cache_available
from plp_portal.settings import cache_settings
from tests.fault_proxy import FaultProxy

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A loopback port where nothing listens (connections are refused at once)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        return listener.getsockname()[1]


@pytest.fixture
def redis_stopped(settings):
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{closed_port()}/0")


@pytest.fixture
def redis_stalled(settings):
    proxy = FaultProxy("127.0.0.1", closed_port())
    proxy.stall()
    settings.CACHES = cache_settings(
        f"redis://127.0.0.1:{proxy.port}/0", connect_timeout=0.3, timeout=0.3
    )
    yield proxy
    proxy.close()


def test_public_pages_answer_while_redis_is_stopped(client, redis_stopped, published_finding):
    home = client.get("/en/")
    finding = client.get(published_finding.get_absolute_url())
    again = client.get(published_finding.get_absolute_url())

    assert (home.status_code, finding.status_code, again.status_code) == (200, 200, 200)
    assert "Many legal entities, one set of values" in again.content.decode()


def test_anonymous_api_reads_answer_while_redis_is_stopped(
    client, redis_stopped, published_finding
):
    # The anonymous rate limit is counted in Redis: without it, reads are let through.
    responses = [client.get("/api/v1/findings/") for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [item["slug"] for item in responses[-1].json()["results"]] == ["many-legal-entities"]


def test_a_stalled_redis_costs_one_request_its_timeout_and_no_more(
    client, redis_stalled, published_finding
):
    started = time.monotonic()
    first = client.get(published_finding.get_absolute_url())
    first_took = time.monotonic() - started

    started = time.monotonic()
    following = [client.get(published_finding.get_absolute_url()) for _ in range(5)]
    following_took = time.monotonic() - started

    assert [r.status_code for r in [first, *following]] == [200] * 6
    # One socket timeout (0.3 s) for the request that found Redis stalled, then none: the page
    # cache, the counts and the version tags each ask Redis, so without a memory of the
    # failure each of the five would wait several timeouts (4.5 s or more together). The
    # margins are for rendering on a busy machine.
    assert first_took < 1.5
    assert following_took < 2.0


def test_cache_errors_are_logged_once_not_per_request(
    client, redis_stopped, published_finding, caplog
):
    with caplog.at_level(logging.WARNING, logger="plp_portal.cache_outage"):
        for _ in range(4):
            assert client.get(published_finding.get_absolute_url()).status_code == 200

    records = [r for r in caplog.records if r.name == "plp_portal.cache_outage"]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert "cache unavailable" in records[0].getMessage()


def test_code_that_must_not_ignore_an_outage_can_tell(redis_stopped):
    assert cache_available()

    assert cache.get("anything", "missed") == "missed"

    assert not cache_available()
    with pytest.raises(redis.exceptions.ConnectionError):
        caches["strict"].get("anything")


def test_the_strict_cache_shares_the_default_cache_s_data_when_both_are_local(settings):
    settings.CACHES = cache_settings("")

    caches["strict"].set("lockout:someone", 3)

    assert cache.get("lockout:someone") == 3


def test_readiness_names_a_stalled_redis_within_a_second(client, redis_stalled):
    started = time.monotonic()
    response = client.get("/readyz")
    took = time.monotonic() - started

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "cache": "error"}
    assert took < 1.0
