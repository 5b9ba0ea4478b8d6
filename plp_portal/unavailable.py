"""The database out of reach is a 503 that says so, never a 500.

Django reports a database it cannot connect to, a connection cut under a query (a stopped or
stalled server, see plp_portal.postgresql) and a statement cancelled by its timeout as
``OperationalError`` or ``InterfaceError``. Whatever page or endpoint meets one answers 503 with
``Retry-After``: pages with templates/503.html (rendered without the database), the API in its
error shape (plp_portal.api_errors). Pages the cache holds are still served (page_cache sits
before this) and ``/healthz`` never touches the database.

The outage is logged once when it starts and then at most once a minute, with a count, so a
busy site does not write a line (or a traceback) per request: SkipAnsweredOutages keeps
django.request from logging each of these 503s.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views import defaults

from .page_cache import API_PATH

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
LOG_SECONDS = 60.0


def is_database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def api_detail() -> str:
    return gettext("The service is unavailable for a moment; try again shortly.")


class _OutageLog:
    """One warning when errors start, then at most one per LOG_SECONDS with their count."""

    def __init__(self):
        self._last = float("-inf")
        self._count = 0
        self._lock = threading.Lock()

    def report(self, request, exception: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            self._count += 1
            if now - self._last < LOG_SECONDS:
                return
            self._last, count, self._count = now, self._count, 0
        logger.warning(
            "database unavailable (%s: %s): answering 503 to %s %s (%d since last report)",
            type(exception).__name__,
            str(exception).strip(),
            request.method,
            request.path,
            count,
        )


_outage_log = _OutageLog()


class SkipAnsweredOutages(logging.Filter):
    """For django.request, which logs every 5xx (with a traceback when no view caught the
    error): a 503 answered here is already counted in the outage's own log lines."""

    def filter(self, record):
        return not getattr(getattr(record, "request", None), "answered_database_outage", False)


def unavailable_response(request, exception: BaseException) -> HttpResponse:
    _outage_log.report(request, exception)
    # DRF hands over its own Request; django.request's log records carry Django's.
    getattr(request, "_request", request).answered_database_outage = True
    if request.path.startswith(API_PATH):
        response = JsonResponse(
            {
                "detail": api_detail(),
                "code": "service_unavailable",
                "retry_after": RETRY_AFTER_SECONDS,
            },
            status=503,
        )
    else:
        # No request context: its processors would reach for the session and the user.
        page = render_to_string("503.html", {"site_name": settings.SITE_NAME})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view (or its template) that meets the database out of reach answers 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request):
    """handler500: the same 503 when the error came from a middleware rather than a view
    (the session or a user looked up before the view runs)."""
    exception = sys.exception()
    if is_database_unavailable(exception):
        return unavailable_response(request, exception)
    return defaults.server_error(request)
