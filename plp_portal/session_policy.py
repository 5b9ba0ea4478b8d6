"""Ends a signed-in session once it has been idle too long (PLP_SESSION_IDLE_MINUTES, for
staff PLP_STAFF_SESSION_IDLE_MINUTES), has lived too long (PLP_SESSION_MAX_HOURS), or was
ended from elsewhere (``plp_portal.sessions``), and says why on the next page."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from .audit_log import audit
from .sessions import SEEN_AT, SIGNED_IN_AT, VALID_SINCE, ended_since

# Writing the last-seen time on every request would make each page a session write.
SEEN_RESOLUTION = 60


def idle_limit_seconds(user) -> int:
    minutes = (
        settings.PLP_STAFF_SESSION_IDLE_MINUTES
        if user.is_staff
        else settings.PLP_SESSION_IDLE_MINUTES
    )
    return minutes * 60


def _end_reason(request, now: float) -> tuple[str, str] | None:
    session, user = request.session, request.user
    if SIGNED_IN_AT not in session:
        # Signed in before these clocks existed: they start now.
        session[SIGNED_IN_AT] = session[SEEN_AT] = session[VALID_SINCE] = now
        return None
    if now - session[SIGNED_IN_AT] > settings.PLP_SESSION_MAX_HOURS * 3600:
        hours = settings.PLP_SESSION_MAX_HOURS
        return "lifetime", _(
            "You were signed out: sessions last at most %(hours)d hours. Please sign in again."
        ) % {"hours": hours}
    idle_limit = idle_limit_seconds(user)
    if now - session.get(SEEN_AT, 0) > idle_limit:
        return "idle", _(
            "You were signed out after %(minutes)d minutes without activity. Please sign in again."
        ) % {"minutes": idle_limit // 60}
    if ended_since(user, session.get(VALID_SINCE, 0)):
        return "ended", _("You were signed out from another browser or device.")
    return None


class SessionPolicyMiddleware:
    """After authentication and messages, before the views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            ended = _end_reason(request, now)
            if ended is not None:
                reason, message = ended
                audit("session_expired", user_id=request.user.pk, request=request, reason=reason)
                logout(request)
                if not request.path.startswith("/api/"):
                    messages.info(request, message)
            elif now - request.session.get(SEEN_AT, 0) > SEEN_RESOLUTION:
                request.session[SEEN_AT] = now
        return self.get_response(request)
