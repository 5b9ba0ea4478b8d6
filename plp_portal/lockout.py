"""The answer to a sign-in refused by django-axes' lockout (settings.AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.utils.translation import ngettext

from .refusals import too_many_requests


def lockout_response(request, original_response, credentials):
    seconds = int(get_cool_off(request).total_seconds())
    minutes = max(1, round(seconds / 60))
    detail = ngettext(
        "Too many failed sign-ins for this account from your address. "
        "Try again in %(minutes)d minute.",
        "Too many failed sign-ins for this account from your address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    return too_many_requests(
        request, detail=detail, code="locked_out", retry_after=seconds, sign_in=True
    )
