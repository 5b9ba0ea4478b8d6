"""Personal API tokens: a member's key for scripts and tools that act in their name.

Only a SHA-256 digest of the key is stored. A key is 32 random bytes, so a plain, fast digest
is as safe as a slow password hash here: nobody can guess their way back from it. The key
itself is shown once, when it is made.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plp_portal.audit_log import audit

PREFIX_LENGTH = 8
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now: dt.datetime | None = None):
        """Tokens that still open the door: not revoked, not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A member's personal API key, revocable, known to the portal only by its digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        max_length=80,
        help_text=_("What it is for, e.g. “survey importer”."),
        verbose_name=_("name"),
    )
    prefix = models.CharField(
        max_length=PREFIX_LENGTH,
        editable=False,
        help_text=_("The key's first characters."),
        verbose_name=_("prefix"),
    )
    key_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("key hash")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used at")
    )
    expires_at = models.DateTimeField(null=True, blank=True, verbose_name=_("expires at"))
    revoked_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("revoked at")
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("API tokens")
        app_label = "consortia"
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Make a token for `user`; return it with the key, which is never retrievable again."""
    key = secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit("token_created", user_id=user.pk, token=token.pk)
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Close the door for good; revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit("token_revoked", user_id=token.user_id, token=token.pk)
    return token


def api_tokens_revoke_all(*, user) -> int:
    """Close every door of ``user``'s tokens at once; how many were still open."""
    return ApiToken.objects.filter(user=user).active().update(revoked_at=timezone.now())


def api_token_authenticate(key: str) -> ApiToken | None:
    """The active token with this key, its user loaded, or None."""
    digest = hash_key(key)
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=digest, user__is_active=True)
        .first()
    )
    # The index lookup already matched; the constant-time compare keeps it honest anyway.
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        # As often as last_used_at changes: a line per request would drown the log.
        audit("token_used", user_id=token.user_id, token=token.pk)
    return token
