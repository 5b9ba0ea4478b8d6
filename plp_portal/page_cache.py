"""The page cache: anonymous reads of public pages and API answers, served from the cache.

A route opts in by declaring the content it shows (``plp_portal.page_tags.shows``). The first
anonymous GET renders the page and stores it with the versions its tags had *before* it read
the database; every later GET serves the stored page while those versions are still current
(one ``get`` and one ``get_many`` on the cache, nothing else: no session, no URL resolution,
no template). A change to content gives its tags new versions when it commits
(``plp_portal.content_changes``), so the next GET renders again: no reader sees a page older
than the last committed change. Time plays no part in freshness; PLP_PAGE_CACHE_SECONDS only
bounds how long an unused entry occupies the cache.

The middleware sits right after SecurityMiddleware, WhiteNoise and LocaleMiddleware (their
headers are added to every response, static files never reach the cache, and the language is
active, so every key names it: a page is stored once per language, and a change of content
retires every language's copy, since versions belong to tags, not keys), before sessions: a
request that carries a session or message cookie or an Authorization header is never served
nor stored a shared page, and the private parts of the site (and anything a signed-in user is
shown) are sent with ``Cache-Control: private, no-store``.
"""

import hashlib
import time
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_http_date_safe

from .content_changes import fingerprint, still_current, tag_versions
from .languages import unprefixed_path
from .page_tags import declaration_of

# Members' pages, the admin and sign-in (in any language): never stored anywhere, by us or by
# a browser.
PRIVATE_PATHS = ("/me/", "/admin/", "/accounts/")
# The API negotiates its format from Accept, so its answers are stored per Accept header.
API_PATH = "/api/"
PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate"
# A view that says its answer must not be shared (or kept) is taken at its word.
UNSHAREABLE = {"private", "no-store", "no-cache"}


class StoredPage(NamedTuple):
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    versions: dict[str, str]
    etag: str
    last_modified: int

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = shared_key(request) if settings.PLP_PAGE_CACHE else None
        if key is not None:
            stored = cache.get(key)
            if stored is not None and still_current(stored.versions):
                return get_conditional_response(
                    request,
                    etag=stored.etag,
                    last_modified=stored.last_modified,
                    response=stored.response(),
                )
            request.page_cache_key = key
            request.page_cache_previous = stored
        response = self.get_response(request)
        if getattr(request, "page_cache_versions", None) is not None:
            return _share(request, response)
        if is_private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(request, "page_cache_key", None) is None:
            return None
        declaration = declaration_of(view_func)
        if declaration is not None:
            # Read before the view reads the database: a change that commits while the page
            # renders leaves the stored page with older versions, so it is never served.
            request.page_cache_versions = tag_versions(declaration.tags)
            if declaration.changes_at is not None:
                request.page_cache_valid_until = declaration.changes_at()
        return None


def shared_key(request) -> str | None:
    """The cache key of the shared page this request may be given, or None if it may not."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None  # signed in, or a pending message: the page is theirs alone
    path = request.get_full_path()
    accept = request.META.get("HTTP_ACCEPT", "") if path.startswith(API_PATH) else ""
    varies = "\n".join(
        (
            request.method,
            request.scheme,
            request.get_host(),
            path,
            translation.get_language() or "",
            accept,
        )
    )
    return "page:" + hashlib.blake2s(varies.encode(), digest_size=16).hexdigest()


def is_private(request) -> bool:
    return (
        unprefixed_path(request.path).startswith(PRIVATE_PATHS)
        or "HTTP_AUTHORIZATION" in request.META
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def _share(request, response):
    """Mark a freshly rendered public page for revalidation, and store it if it may be shared."""
    if not _shareable(response):
        return response
    versions = request.page_cache_versions
    # A page's language is in its address; an API answer's comes from Accept-Language.
    vary = ["Cookie"]
    if request.path.startswith(API_PATH):
        vary += ["Accept-Language", "Accept"]
    patch_vary_headers(response, vary)
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    valid_until = getattr(request, "page_cache_valid_until", None)
    if not response.has_header("ETag"):
        stamp = f"{request.page_cache_key}|{fingerprint(versions)}|{valid_until}"
        response["ETag"] = f'W/"{hashlib.blake2s(stamp.encode(), digest_size=10).hexdigest()}"'
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if last_modified is None:
        last_modified = _render_time(request.page_cache_previous)
        response["Last-Modified"] = http_date(last_modified)

    timeout = settings.PLP_PAGE_CACHE_SECONDS
    if valid_until is not None:
        timeout = min(timeout, int((valid_until - timezone.now()).total_seconds()))
    if timeout > 0:
        stored = StoredPage(
            status=response.status_code,
            headers=tuple(response.items()),
            content=b"" if request.method == "HEAD" else response.content,
            versions=versions,
            etag=response["ETag"],
            last_modified=last_modified,
        )
        cache.set(request.page_cache_key, stored, timeout)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


def _shareable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not (directives & UNSHAREABLE) and "*" not in response.get("Vary", "")


def _render_time(previous: StoredPage | None) -> int:
    # HTTP dates count whole seconds: a page rendered again after a change in the same second
    # as the page it replaces still gets a later date, so If-Modified-Since never matches it.
    now = int(time.time())
    return now if previous is None else max(now, previous.last_modified + 1)
