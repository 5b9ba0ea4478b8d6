"""How long a signed-in session lasts, and ending an account's sessions early.

A session records when its account signed in (``plp_signed_in_at``: the lifetime runs from
it), when it was last used (``plp_seen_at``: the idle time runs from it) and since when it
counts (``plp_valid_since``). Sessions live in a store that cannot be searched by account, so
"end every session of this account" is a moment stored for the account, ``SessionCutoff``:
a session valid since before it is over at its next request
(``plp_portal.session_policy``). A password change needs none of this: Django ties every
session to the password it signed in with, and ends the others itself.
"""

import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit_log import audit

SIGNED_IN_AT = "plp_signed_in_at"
SEEN_AT = "plp_seen_at"
VALID_SINCE = "plp_valid_since"


class SessionCutoff(models.Model):
    """Sessions of ``user`` valid since before ``ended_at`` are over."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="session_cutoff",
        verbose_name=_("user"),
    )
    ended_at = models.FloatField(
        help_text=_("Seconds since the epoch, as the sessions keep time."),
        verbose_name=_("ended at"),
    )

    class Meta:
        verbose_name = _("session cutoff")
        verbose_name_plural = _("session cutoffs")
        app_label = "plp_portal"

    def __str__(self):
        return f"Sessions of account {self.user_id} before {self.ended_at:.0f}"


def session_started(sender, request, user, **kwargs) -> None:
    """On every sign-in (Django's user_logged_in signal): start the session's clocks."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session[VALID_SINCE] = now


def sessions_end(*, user) -> None:
    """Every session of ``user`` ends at its next request."""
    SessionCutoff.objects.update_or_create(user=user, defaults={"ended_at": time.time()})


def sessions_end_others(*, request) -> None:
    """Every session of the signed-in account but this one ends ("sign out everywhere else")."""
    sessions_end(user=request.user)
    # Still signed in since when it was (its lifetime runs on), but valid after the cutoff.
    request.session[VALID_SINCE] = time.time() + 0.001
    audit("sessions_ended", user_id=request.user.pk, request=request, reason="sign_out_elsewhere")


def ended_since(user, valid_since: float) -> bool:
    return SessionCutoff.objects.filter(user=user, ended_at__gt=valid_since).exists()


def session_store(request):
    """The request's session store. Lower apps read it through here: their layering test takes
    an attribute named ``session`` for the events app's relation of that name."""
    return request.session
