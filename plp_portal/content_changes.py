"""One path for "content changed": versioned cache tags, bumped when a transaction commits.

Everything that caches something derived from the database (whole pages, page fragments,
facet counts) names the *tags* of the content it shows, and stores with it the versions those
tags had. A change to content calls `content_changed(*tags)`, which gives those tags new
versions once the change commits; a cached item whose stored versions differ from the current
ones is stale and is recomputed. The versions live in the shared cache (Redis in production),
so one change is seen at once by every server.

Tags are plain strings. `ALL` is part of every tag set: bumping it retires everything (bulk
loads that bypass model signals use it). Model saves and deletes reach this module through one
receiver (`plp_portal.content_signals`); nothing else should bump tags.
"""

import hashlib
import secrets
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

ALL = "all"
_PREFIX = "content-version:"


def content_changed(*tags: str, using: str | None = None) -> None:
    """Give `tags` (and nothing else) new versions when the current transaction commits.

    Outside a transaction this happens at once. A rolled-back change bumps nothing.
    """
    if tags:
        transaction.on_commit(lambda: _bump(tags), using=using)


def _bump(tags: Iterable[str]) -> None:
    # A random token, not a counter: a version can never come back after the cache lost it.
    cache.set_many({_PREFIX + tag: secrets.token_hex(8) for tag in set(tags)}, timeout=None)


def tag_versions(tags: Iterable[str]) -> dict[str, str]:
    """The current version of each tag (and of `ALL`); a tag the cache lost gets a new one."""
    keys = {_PREFIX + tag: tag for tag in {ALL, *tags}}
    found = cache.get_many(list(keys))
    missing = {key: secrets.token_hex(8) for key in keys if key not in found}
    for key, version in missing.items():
        # add(), not set(): another server may have created the version meanwhile.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
        found[key] = version
    return {keys[key]: version for key, version in found.items()}


def still_current(versions: dict[str, str]) -> bool:
    """Whether every tag still has the version in `versions` (one cache round trip).

    A version the cache lost counts as changed: what was stored under it may be stale.
    """
    found = cache.get_many([_PREFIX + tag for tag in versions])
    return len(found) == len(versions) and all(
        found.get(_PREFIX + tag) == version for tag, version in versions.items()
    )


def fingerprint(versions: dict[str, str]) -> str:
    """A short, stable digest of tag versions: for cache keys and ETags."""
    text = "|".join(f"{tag}={versions[tag]}" for tag in sorted(versions))
    return hashlib.blake2s(text.encode(), digest_size=10).hexdigest()


def cached(key: str, tags: Iterable[str], compute, timeout: int | None = 24 * 3600):
    """`compute()`'s value, from the cache while none of `tags` changed since it was stored."""
    stamp = fingerprint(tag_versions(tags))
    full_key = f"content-cached:{key}:{stamp}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


_MISSING = object()
