"""What the portal deletes once it is no longer needed (``manage.py purge_expired_data``).

Each job names rows that have outlived their purpose; the periods come from the settings
(``PLP_RETENTION_*``) and are stated in the privacy notice.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from .erasure import ErasureRequest
from .sessions import session_model
from .tokens import ApiToken

#: A setup of an authenticator app nobody finished holds a secret key that serves nothing.
UNFINISHED_SETUP_HOURS = 24


@dataclass(frozen=True)
class RetentionJob:
    #: What is deleted, for the command's report.
    label: str
    #: ``rows(now)``: the rows to delete.
    rows: Callable[[dt.datetime], QuerySet]


def _expired_sessions(now):
    return session_model().objects.filter(expire_date__lte=now)


def _old_tokens(now):
    cutoff = now - dt.timedelta(days=settings.PLP_RETENTION_TOKEN_DAYS)
    return ApiToken.objects.filter(Q(revoked_at__lte=cutoff) | Q(expires_at__lte=cutoff))


def _unfinished_setups(now):
    cutoff = now - dt.timedelta(hours=UNFINISHED_SETUP_HOURS)
    return TOTPDevice.objects.filter(confirmed=False, created_at__lte=cutoff)


def _old_erasure_records(now):
    cutoff = now - dt.timedelta(days=settings.PLP_RETENTION_ERASURE_RECORD_DAYS)
    return ErasureRequest.objects.filter(erased_at__lte=cutoff)


JOBS = [
    RetentionJob("expired sessions", _expired_sessions),
    RetentionJob("revoked or expired API tokens", _old_tokens),
    RetentionJob("unfinished setups of an authenticator app", _unfinished_setups),
    RetentionJob("records of carried-out erasures", _old_erasure_records),
]
