"""Throttles: anonymous reads and members' writes, at rates set by environment variables.

The rates are read from the settings on every request (not frozen at import as DRF's own
classes do), so a test can change them with pytest-django's `settings` fixture.
"""

from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from .client_address import client_address
from .rate_limits import LimitExceeded, LimitUnavailable, enforce


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # DRF's own reading of X-Forwarded-For trusts the caller unless NUM_PROXIES is set;
        # the portal has one rule for every throttle (PLP_NUM_PROXIES).
        return client_address(request)


class AnonReadThrottle(_SettingsRateThrottle):
    """Anonymous callers, by address (PLP_API_ANON_RATE, default 60/minute)."""

    scope = "anon_read"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserWriteThrottle(_SettingsRateThrottle):
    """Signed-in callers' writes, by account (PLP_API_USER_WRITE_RATE, default 30/minute)."""

    scope = "user_write"

    def get_cache_key(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class LimitUnavailableError(exceptions.APIException):
    status_code = 503
    default_code = "unavailable"


class LimitThrottle(BaseThrottle):
    """One of plp_portal.rate_limits' limits on an action of a viewset, shared with the pages
    that take the same step. It refuses by raising, so that no throttle after it (which may
    need the same unreachable cache) runs."""

    limit = None
    actions = ("create",)

    def allow_request(self, request, view):
        if getattr(view, "action", None) not in self.actions:
            return True
        try:
            enforce(request, self.limit)
        except LimitExceeded as refused:
            # The wait is set afterwards: given to Throttled, it is added to the sentence again.
            throttled = exceptions.Throttled(detail=refused.detail)
            throttled.wait = refused.wait
            raise throttled from None
        except LimitUnavailable as refused:
            error = LimitUnavailableError(str(refused.detail))
            error.wait = refused.wait
            raise error from None
        return True
