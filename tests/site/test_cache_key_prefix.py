"""A cache key prefix keeps two users of one Redis database apart, clearing included.

Django's own Redis cache clears with FLUSHDB, whatever its prefix; ours deletes only its
prefix's keys (plp_portal.redis_cache), so the test suite's parallel workers, which clear the
cache around every test in one Redis database, never empty each other's.
"""

import importlib
import os

import pytest
from django.core.cache import caches

import plp_portal.pytest_plugin
from plp_portal.settings import cache_settings


@pytest.fixture
def two_prefixes(settings):
    """Two caches on the test run's Redis under two prefixes of this worker's own."""
    mine = settings.PLP_CACHE_KEY_PREFIX or "tests"
    first, second = f"{mine}-first*", f"{mine}-first-second"
    settings.CACHES = {
        **settings.CACHES,
        "first": cache_settings(os.environ["REDIS_URL"], key_prefix=first)["default"],
        "second": cache_settings(os.environ["REDIS_URL"], key_prefix=second)["strict"],
    }
    yield caches["first"], caches["second"]
    caches["second"].clear()


@pytest.mark.redis
def test_clearing_a_prefixed_cache_leaves_another_prefix_s_keys(two_prefixes):
    # The first prefix ends in "*": a pattern character, which must match itself only.
    first, second = two_prefixes
    first.set_many({"page": "first's page", "count": 1})
    second.set_many({"page": "second's page", "count": 2})

    assert first.clear() is True

    assert first.get_many(["page", "count"]) == {}
    assert second.get_many(["page", "count"]) == {"page": "second's page", "count": 2}


def test_both_aliases_carry_the_prefix():
    configured = cache_settings("redis://127.0.0.1:6379/0", key_prefix="staging")

    assert [alias["KEY_PREFIX"] for alias in configured.values()] == ["staging", "staging"]


@pytest.mark.parametrize(("chosen", "expected"), [(None, "tests-gw7"), ("nightly", "nightly-gw7")])
def test_each_parallel_worker_gets_a_prefix_of_its_own(monkeypatch, chosen, expected):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw7")
    if chosen is None:
        monkeypatch.delenv("PLP_CACHE_KEY_PREFIX", raising=False)
    else:
        monkeypatch.setenv("PLP_CACHE_KEY_PREFIX", chosen)

    importlib.reload(plp_portal.pytest_plugin)

    assert os.environ["PLP_CACHE_KEY_PREFIX"] == expected
