"""When an account's credentials change, what they opened closes.

- A password change (any door: the password form, a reset link, an invitation's link, the
  admin, ``set_password`` in a shell) revokes the account's API tokens; Django itself ends
  the other sessions, which were signed in with the old password.
- A deactivation ends every session and revokes every token, so reactivating the account
  brings none of them back.

These hang on the User model's save signals because the model is Django's, saved by Django's
forms and admin: there is no service of ours that every door calls.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save

from plp_portal.audit_log import audit
from plp_portal.sessions import sessions_end

from .tokens import api_tokens_revoke_all


def _remember_activity(sender, instance, update_fields=None, **kwargs):
    instance._plp_was_active = None
    if instance.pk is None or (update_fields is not None and "is_active" not in update_fields):
        return
    instance._plp_was_active = (
        sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


def _credentials_changed(sender, instance, created=False, **kwargs):
    if created:
        return
    # set_password() keeps the new password here until save() has stored it; Django clears
    # it for the re-hashing of an unchanged password on sign-in, which changes nothing.
    if getattr(instance, "_password", None) is not None:
        audit("password_changed", user_id=instance.pk)
        _revoke_tokens(instance, reason="password_changed")
    if getattr(instance, "_plp_was_active", None) and not instance.is_active:
        audit("account_deactivated", user_id=instance.pk)
        sessions_end(user=instance)
        _revoke_tokens(instance, reason="deactivated")


def _revoke_tokens(user, *, reason: str) -> None:
    count = api_tokens_revoke_all(user=user)
    if count:
        audit("tokens_revoked", user_id=user.pk, count=count, reason=reason)


def connect() -> None:
    user_model = get_user_model()
    pre_save.connect(_remember_activity, sender=user_model, dispatch_uid="plp_was_active")
    post_save.connect(_credentials_changed, sender=user_model, dispatch_uid="plp_credentials")
