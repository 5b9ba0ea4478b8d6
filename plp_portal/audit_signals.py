"""Sign-in events into the audit log, from Django's and django-axes' signals: every door that
signs people in (the site's login, the admin's, a password-reset link) sends them."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .audit_log import audit, username_digest


def _account_id(username) -> int | None:
    if not isinstance(username, str) or not username:
        return None
    User = get_user_model()
    return (
        User.objects.filter(**{User.USERNAME_FIELD: username}).values_list("pk", flat=True).first()
    )


def attempted_account(credentials: dict) -> dict:
    """Who an attempt was aimed at: the account's id when the name is one, and a digest of
    the name (never the name: it may be a mistyped password, or someone else's e-mail)."""
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    if not isinstance(username, str) or not username:
        return {"user_id": None}
    return {"user_id": _account_id(username), "username_digest": username_digest(username)}


def _logged_in(sender, request, user, **kwargs):
    audit("login", user_id=user.pk, request=request)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit("logout", user_id=user.pk, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    audit("login_failed", request=request, **attempted_account(credentials))


def _locked_out(sender, request, username, ip_address, **kwargs):
    audit("lockout", request=request, **attempted_account({"username": username}))


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="plp_audit_login")
    user_logged_out.connect(_logged_out, dispatch_uid="plp_audit_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="plp_audit_login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="plp_audit_lockout")
