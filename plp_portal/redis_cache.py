"""Django's Redis cache, with one Redis client per connection pool instead of one per call,
and a `clear()` that empties only its own keys when it has a KEY_PREFIX.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache operation,
and each builds its table of ~80 response callbacks: about 0.1 ms per operation, on pages that
make several (content versions, cached fragments, counts). A `redis.Redis` is safe to share
between threads (each command borrows a connection from the pool), so one per pool is kept.

Django's `RedisCache.clear()` empties the whole Redis database (FLUSHDB), whatever the
KEY_PREFIX: two caches that share a database under two prefixes (PLP_CACHE_KEY_PREFIX; the
test suite's parallel workers, each clearing the cache around every test) would empty each
other's. With a prefix, only the keys under it are deleted.
"""

import re

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# Deleted per command while clearing a prefix: one round trip per batch, no long-blocking call.
CLEAR_BATCH = 500


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def clear(self):
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(write=True)
        # Django's keys are "<prefix>:<version>:<key>"; the colon keeps "gw1" from matching "gw10".
        pattern = re.sub(r"([\\*?\[\]])", r"\\\1", self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == CLEAR_BATCH:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        return True
