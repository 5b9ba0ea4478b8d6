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

When the cache cannot store new versions (Redis stopped or stalled), the change has committed
but nothing says so: once Redis answers again it still holds the old versions and the pages
stored under them, which would be current again. So a version that could not be written is
*pending*: the process that made the change

- serves nothing from the cache and trusts no stored version (every read renders afresh, and
  what it stores meanwhile carries versions that never match) until its pending versions are
  written, which it tries before every read of versions, and
- retries in the background every RETRY_SECONDS, so that other processes and servers, which
  read the old versions as soon as Redis is back, stop serving old pages within about a
  second of its return even if this process gets no further request.

A process that exits with versions still pending logs an error naming them (pages of those
kinds cached before the change may then be served until they change again or expire).
"""

import atexit
import hashlib
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

ALL = "all"
_PREFIX = "content-version:"
RETRY_SECONDS = 1.0
# More pending tags than this are replaced by ALL: retiring everything is always correct.
_MOST_PENDING = 1000

# Each pending tag with the number of times its write failed: a tag that fails again while
# an earlier write of it is on its way stays pending after that write.
_pending: dict[str, int] = {}
_pending_lock = threading.Lock()
_retrying = False


def content_changed(*tags: str, using: str | None = None) -> None:
    """Give `tags` (and nothing else) new versions when the current transaction commits.

    Outside a transaction this happens at once. A rolled-back change bumps nothing.
    """
    if tags:
        transaction.on_commit(lambda: _bump(tags), using=using)


def _bump(tags: Iterable[str]) -> None:
    with _pending_lock:
        attempted = dict(_pending)
    tags = {*tags, *attempted}
    if not tags:
        return
    # A random token, not a counter: a version can never come back after the cache lost it.
    failed = cache.set_many({_PREFIX + tag: secrets.token_hex(8) for tag in tags}, timeout=None)
    failed_tags = {key.removeprefix(_PREFIX) for key in failed}
    with _pending_lock:
        for tag, failures in attempted.items():
            if tag not in failed_tags and _pending.get(tag) == failures:
                del _pending[tag]
    if failed_tags:
        _remember_pending(failed_tags)


def _remember_pending(tags: set[str]) -> None:
    global _retrying
    with _pending_lock:
        first = not _pending
        for tag in tags:
            _pending[tag] = _pending.get(tag, 0) + 1
        if len(_pending) > _MOST_PENDING:
            failures = sum(_pending.values())
            _pending.clear()
            _pending[ALL] = failures
        start_retrying = not _retrying
        _retrying = True
    if first:
        logger.warning(
            "content versions could not be written to the cache (%s): cached pages are not "
            "served by this process until they are; retrying every %s s",
            ", ".join(sorted(tags)),
            RETRY_SECONDS,
        )
    if start_retrying:
        threading.Thread(target=_retry_pending, daemon=True).start()


def _retry_pending() -> None:
    global _retrying
    while True:
        time.sleep(RETRY_SECONDS)
        _bump(())
        with _pending_lock:
            if not _pending:
                _retrying = False
                break
    logger.warning("pending content versions written to the cache: cached pages served again")


def _no_versions_pending() -> bool:
    """Whether every version this process changed is in the cache (trying to write them)."""
    if not _pending:
        return True
    _bump(())
    return not _pending


@atexit.register
def _report_lost_versions() -> None:
    if not _no_versions_pending():
        logger.error(
            "exiting with content versions never written to the cache: pages cached before "
            "changes to %s may be served until they change again or expire",
            ", ".join(sorted(_pending)),
        )


def _forget_pending_in_child() -> None:
    # A forked worker made none of its parent's changes, and has no retrying thread.
    global _pending_lock, _retrying
    _pending.clear()
    _pending_lock = threading.Lock()
    _retrying = False


os.register_at_fork(after_in_child=_forget_pending_in_child)


def tag_versions(tags: Iterable[str]) -> dict[str, str]:
    """The current version of each tag (and of `ALL`); a tag the cache lost gets a new one.

    While a change of this process is not yet in the cache, fresh versions that match nothing
    stored: what is read under them is computed again.
    """
    if not _no_versions_pending():
        return {tag: secrets.token_hex(8) for tag in {ALL, *tags}}
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

    A version the cache lost counts as changed: what was stored under it may be stale; so does
    every version while a change of this process is not yet in the cache.
    """
    if not _no_versions_pending():
        return False
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
