"""The audit log: one JSON object a line, for the events a security review asks about.

    {"time":"2025-03-04T05:06:07.891Z","event":"login","user":7,"address":"203.0.113.7",
     "request_id":"6f1c…","…":…}

``user`` is an account's id, never its name or e-mail: once an account is erased, the log
names nobody. Every value goes through JSON, so a line break in anything a caller sent (a
username, a header) is written as ``\\n`` and cannot start a forged line. Lines go to the
``plp.audit`` logger, which settings.LOGGING sends to PLP_AUDIT_LOG alone (not to the console
or the error mails); ``manage.py prune_audit_log`` drops lines past PLP_AUDIT_RETENTION_DAYS.
"""

import datetime as dt
import json
import logging

from django.utils.crypto import salted_hmac

from .client_address import client_address
from .request_context import current_request, request_id

LOGGER_NAME = "plp.audit"
logger = logging.getLogger(LOGGER_NAME)


def audit(event: str, *, user_id: int | None = None, request=None, **details) -> None:
    """Write one event; the address and request id come from ``request`` or the request being
    answered. ``details`` must be JSON values and name no person (ids, codes, counts)."""
    request = request if request is not None else current_request()
    entry = {
        "event": event,
        "user": user_id,
        "address": client_address(request) if request is not None else None,
        "request_id": request_id(request) if request is not None else None,
        **details,
    }
    logger.info(event, extra={"audit": entry})


def username_digest(username: str) -> str:
    """Tells repeated attempts on one name apart without writing the name: a keyed digest that
    nobody without the site's secret key can reverse or test guesses against."""
    return salted_hmac("plp.audit.username", str(username), algorithm="sha256").hexdigest()[:16]


def utc_time(created: float) -> str:
    moment = dt.datetime.fromtimestamp(created, tz=dt.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class AuditFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = getattr(record, "audit", None) or {"event": record.getMessage()}
        # ensure_ascii also escapes U+2028/U+2029, which some log viewers take as line breaks.
        return json.dumps(
            {"time": utc_time(record.created), **entry},
            ensure_ascii=True,
            separators=(",", ":"),
            default=str,
        )
