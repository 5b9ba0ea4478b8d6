"""The environment every benchmarked process runs in: production settings on 127.0.0.1."""

import os
import secrets

from .config import REDIS_URL, Size


def portal_environment(size: Size, *, page_cache: bool, static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": size.database_url,
        "REDIS_URL": REDIS_URL,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-" + secrets.token_urlsafe(40),
        # testserver: the in-process test client (query counts, profiles).
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": "WARNING",
        # The API's anonymous throttle would otherwise answer 429 within a second.
        "PLP_API_ANON_RATE": "100000000/minute",
        "PLP_BENCH_BASELINE": "true",
        "PLP_PAGE_CACHE": "true" if page_cache else "false",
    }
