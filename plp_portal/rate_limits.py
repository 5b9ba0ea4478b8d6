"""Rate limits on the steps that cost us (an e-mail, a stored file) or help an attacker (a
sign-in, a new API key), counted in the shared cache: Redis when REDIS_URL is set, so every
server sees the same counts.

Each limit is a named rule with a rate from the settings (``"3/h"``, ``"30/10m"``) and a key:
what it counts per (an address, an e-mail, an account). django-ratelimit does the counting
(one atomic increment a request, in a fixed window), so ten requests at once cannot all slip
through. A refusal is a 429 with Retry-After; when the cache cannot be reached the step is
refused with a 503 rather than let through unchecked.

Pages use the ``rate_limited`` decorator; the API uses ``plp_portal.api_throttling.
LimitThrottle``, which answers in the API's error shape.
"""

import functools
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from .audit_log import audit
from .client_address import client_address
from .refusals import limit_unavailable, too_many_requests

logger = logging.getLogger(__name__)

#: Seconds a caller is asked to wait when the counts cannot be read.
UNAVAILABLE_RETRY_AFTER = 30


@dataclass(frozen=True)
class Limit:
    name: str
    #: The setting that holds the rate, e.g. "PLP_PASSWORD_RESET_RATE" = "10/h".
    rate_setting: str
    #: What to count per, from the request; None when the rule does not apply to it.
    key: Callable[[object], str | None]


def _address(request) -> str:
    return client_address(request)


def _account(request) -> str | None:
    user = getattr(request, "user", None)
    return str(user.pk) if user is not None and user.is_authenticated else None


def _reset_email(request) -> str | None:
    email = request.POST.get("email", "").strip().lower()
    # Counted by a digest: the cache never holds the address itself.
    return hashlib.sha256(email.encode()).hexdigest() if email else None


def _uploading_account(request) -> str | None:
    return _account(request) if request.FILES else None


LOGIN_ADDRESS = Limit("login_address", "PLP_LOGIN_RATE", _address)
PASSWORD_RESET_ADDRESS = Limit("password_reset_address", "PLP_PASSWORD_RESET_RATE", _address)
PASSWORD_RESET_EMAIL = Limit("password_reset_email", "PLP_PASSWORD_RESET_EMAIL_RATE", _reset_email)
TOKEN_CREATE = Limit("token_create", "PLP_TOKEN_CREATE_RATE", _account)
UPLOAD = Limit("upload", "PLP_UPLOAD_RATE", _uploading_account)
EXPORT = Limit("export", "PLP_EXPORT_RATE", _address)
OAI = Limit("oai", "PLP_OAI_RATE", _address)


class LimitUnavailable(Exception):
    """The counts cannot be read (the cache is down): the step is refused, not let through."""

    detail = _lazy(
        "This step is unavailable for a moment: we cannot check its rate limit. "
        "Please try again in a minute."
    )
    wait = UNAVAILABLE_RETRY_AFTER


class LimitExceeded(Exception):
    def __init__(self, limit: Limit, wait: int):
        self.limit, self.wait = limit, wait
        minutes = -(-wait // 60)
        self.detail = ngettext(
            "Too many requests for this. Try again in %(minutes)d minute.",
            "Too many requests for this. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        super().__init__(self.detail)


def _over(request, limit: Limit, key: str) -> int | None:
    """Count this request; the seconds to wait if it is one too many, else None."""
    try:
        usage = get_usage(
            request,
            group=f"plp:{limit.name}",
            key=lambda group, request: key,
            rate=getattr(settings, limit.rate_setting),
            increment=True,
        )
    except Exception as error:  # Whatever the cache raised, the step must not go unchecked.
        logger.exception("Rate limit %s cannot be checked: the cache is unreachable.", limit.name)
        raise LimitUnavailable from error
    if usage is None:  # RATELIMIT_ENABLE = False
        return None
    if usage["limit"] == 0:  # django-ratelimit could not count (its own fail-closed answer)
        raise LimitUnavailable
    return max(1, usage["time_left"]) if usage["should_limit"] else None


def enforce(request, *limits: Limit) -> None:
    """Count the request against each limit that applies to it; raise ``LimitExceeded`` (and
    write it to the audit log) at the first it is over, ``LimitUnavailable`` if the counts
    cannot be read."""
    for limit in limits:
        key = limit.key(request)
        if key is None:
            continue
        wait = _over(request, limit, key)
        if wait is not None:
            user = getattr(request, "user", None)
            audit(
                "throttled",
                user_id=user.pk if user is not None and user.is_authenticated else None,
                request=request,
                limit=limit.name,
            )
            raise LimitExceeded(limit, wait)


def rate_limited(*limits: Limit, methods=("POST",)):
    """Decorate a view: requests of ``methods`` count against ``limits``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                try:
                    enforce(request, *limits)
                except LimitExceeded as refused:
                    return too_many_requests(
                        request, detail=refused.detail, code="throttled", retry_after=refused.wait
                    )
                except LimitUnavailable as refused:
                    return limit_unavailable(
                        request, detail=str(refused.detail), retry_after=refused.wait
                    )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
