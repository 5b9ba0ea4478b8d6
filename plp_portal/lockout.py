"""django-axes' lockout: the name it records for a sign-in (settings.AXES_USERNAME_CALLABLE)
and the answer to a refused one (settings.AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.contrib.auth import get_user_model
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


def attempted_username(request, credentials=None) -> str | None:
    """The name a sign-in tried, no longer than a username can be.

    Axes stores it in a column of 255 characters: a longer name (anyone can type one) made
    PostgreSQL refuse the row and the sign-in page a 500. No account has a longer name, so the
    cut name still counts its failures against itself alone.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    name = source.get("username")
    if name is None:
        return None
    longest = get_user_model()._meta.get_field("username").max_length
    return str(name)[:longest]
