"""A cache that may fail without failing the portal: Redis stopped or stalled is a cache miss.

``ResilientRedisCache`` is the default cache when REDIS_URL is set. When Redis refuses a
connection or does not answer within its socket timeout, an operation answers as a miss would
(``get`` its default, ``get_many`` nothing, ``add`` False, ``set_many`` every key as failed)
and the process remembers the outage: until a background thread finds Redis answering again
(it asks every RETRY_SECONDS), no request of this process waits for Redis at all. A stalled
Redis therefore costs one request one socket timeout, not every request several. The outage is
logged when it starts, at most once a minute while it lasts, and when it ends.

What relies on the cache being right must not use this alias:

- ``caches["strict"]`` is the same Redis (same data, same timeouts) without this forgiveness:
  every error is raised. Counters that must fail closed use it: the rate limits of
  plp_portal.rate_limits (sign-ins, password resets, tokens, uploads) through
  RATELIMIT_USE_CACHE.
- ``cache_available()`` tells, without asking Redis, whether the default cache is in an outage.
- ``incr``, ``decr`` and ``clear`` are not softened on the default alias either.

Without REDIS_URL both aliases are the same memory of the process, which cannot fail.
"""

import logging
import os
import threading
import time

import redis
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from .redis_cache import SharedClientRedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
LOG_SECONDS = 60.0
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class Outage:
    """What this process knows of one Redis being unreachable; shared by all its threads."""

    def __init__(self, location: str, timeout: float | None):
        self.location = location
        # The background PING must never hang, even on a cache configured without timeouts.
        self.timeout = timeout or 1.0
        self.down_since: float | None = None
        self.answered_as_misses = 0
        self._last_logged = float("-inf")
        self._lock = threading.Lock()

    def is_down(self) -> bool:
        return self.down_since is not None

    def skipped(self) -> None:
        self.answered_as_misses += 1  # a statistic for the log: a lost increment is harmless

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self.answered_as_misses += 1
            starts = isinstance(error, UNREACHABLE) and self.down_since is None
            if starts:
                self.down_since = now
                threading.Thread(target=self._wait_for_return, daemon=True).start()
            if not (starts or now - self._last_logged >= LOG_SECONDS):
                return
            self._last_logged, count = now, self.answered_as_misses
            self.answered_as_misses = 0
        logger.warning(
            "cache unavailable at %s (%s: %s): answering as cache misses (%d since last report)",
            _redacted(self.location),
            type(error).__name__,
            error,
            count,
        )

    def answers(self, timeout: float | None = None) -> bool:
        """Whether Redis answers a PING within `timeout` (its socket timeout by default)."""
        timeout = self.timeout if timeout is None else timeout
        client = redis.Redis.from_url(
            self.location, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        try:
            return bool(client.ping())
        except redis.exceptions.RedisError:
            return False
        finally:
            client.close()

    def _wait_for_return(self) -> None:
        while not self.answers():
            time.sleep(RETRY_SECONDS)
        with self._lock:
            lasted = time.monotonic() - self.down_since
            self.down_since, count = None, self.answered_as_misses
            self.answered_as_misses = 0
        logger.warning(
            "cache reachable again at %s after %.1f s (%d operations answered as misses)",
            _redacted(self.location),
            lasted,
            count,
        )


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def _outage_of(location: str, timeout: float | None) -> Outage:
    with _outages_lock:
        if location not in _outages:
            _outages[location] = Outage(location, timeout)
        return _outages[location]


def _forget_outages_in_child() -> None:
    # A forked worker starts with no watcher thread: what the parent knew is not known here.
    global _outages_lock
    _outages.clear()
    _outages_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_outages_in_child)


def _redacted(location: str) -> str:
    """The address without a password, for the logs."""
    scheme, _, rest = location.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}" if rest else location


class ResilientRedisCache(SharedClientRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        # Django writes to the first server: that is the one whose answers matter.
        self.outage = _outage_of(self._servers[0], self._options.get("socket_timeout"))

    def _or(self, answer_when_down, operation, *args, **kwargs):
        if self.outage.is_down():
            self.outage.skipped()
            return answer_when_down
        try:
            return operation(*args, **kwargs)
        except redis.exceptions.RedisError as error:
            self.outage.failed(error)
            return answer_when_down

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._or(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)


def cache_available(alias: str = "default") -> bool:
    """False while the cache of `alias` is known to be unreachable (no question is sent)."""
    outage = getattr(caches[alias], "outage", None)
    return outage is None or not outage.is_down()


def cache_answers(timeout: float, alias: str = "default") -> bool:
    """Whether the cache of `alias` answers now, within `timeout` seconds: for readiness."""
    backend = caches[alias]
    outage = getattr(backend, "outage", None)
    if outage is None:
        key, value = "readiness-probe", os.urandom(4).hex()
        backend.set(key, value, timeout=10)
        return backend.get(key) == value
    if outage.is_down():
        return False
    if outage.answers(timeout):
        return True
    outage.failed(redis.exceptions.TimeoutError(f"no answer to PING within {timeout} s"))
    return False
