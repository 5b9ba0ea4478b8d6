"""A change made while Redis is unreachable is not lost when Redis comes back.

Redis keeps the pages and the content versions it held before the outage (a stall, a network
cut, a restart from its saved data). The change's new versions could not be written then, so
without care the old pages would be current again once Redis answers.
"""

import os
import time
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches

from plp_portal.cache_outage import cache_available
from plp_portal.settings import cache_settings
from tests.factories import PublishedFindingFactory
from tests.fault_proxy import FaultProxy

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

VERSION_KEYS = ["content-version:findings.finding", "content-version:all"]


@pytest.fixture
def redis_behind_proxy(settings):
    """This server reaches Redis through a proxy that can cut it off; another server (the
    "other_server" alias) reaches the same Redis directly."""
    url = urlsplit(os.environ["REDIS_URL"])
    proxy = FaultProxy(url.hostname, url.port or 6379)
    settings.CACHES = {
        **cache_settings(f"redis://127.0.0.1:{proxy.port}{url.path}"),
        "other_server": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": settings.PLP_CACHE_KEY_PREFIX,
        },
    }
    caches["other_server"].delete_many(VERSION_KEYS)
    yield proxy
    proxy.close()


def wait_until(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{condition.__name__} still false after {seconds} s"
        time.sleep(0.05)


def test_a_change_committed_while_redis_is_down_is_shown_once_it_returns(
    client, redis_behind_proxy, django_capture_on_commit_callbacks
):
    PublishedFindingFactory(title="Before the outage")
    assert "Before the outage" in client.get("/en/findings/").content.decode()
    versions_before = caches["other_server"].get_many(VERSION_KEYS)

    redis_behind_proxy.take_down()
    with django_capture_on_commit_callbacks(execute=True):
        PublishedFindingFactory(title="During the outage")
    during = client.get("/en/findings/").content.decode()
    redis_behind_proxy.restore()
    wait_until(cache_available)
    after = client.get("/en/findings/").content.decode()

    assert "During the outage" in during
    assert "During the outage" in after
    assert caches["other_server"].get_many(VERSION_KEYS).keys() == set(VERSION_KEYS)
    assert caches["other_server"].get_many(VERSION_KEYS) != versions_before


def test_another_server_stops_serving_the_old_pages_within_seconds(
    client, redis_behind_proxy, django_capture_on_commit_callbacks
):
    PublishedFindingFactory(title="Before the outage")
    client.get("/en/findings/")
    versions_before = caches["other_server"].get_many(VERSION_KEYS)
    assert len(versions_before) == 2

    redis_behind_proxy.take_down()
    with django_capture_on_commit_callbacks(execute=True):
        PublishedFindingFactory(title="During the outage")
    redis_behind_proxy.restore()

    # No request reaches this server again: the change's versions must still be written.
    def versions_changed():
        return caches["other_server"].get_many(VERSION_KEYS) != versions_before

    wait_until(versions_changed)
