"""Erasure on request (GDPR's right to be forgotten).

A member asks from ``/me/privacy/``; the request waits for a curator, who carries it out from
the admin (or an operator, with ``manage.py erase_account``). Erasure keeps the programme's
record and nothing of the person: published findings stay, their authorship handed to one
shared "Former member" account; everything else the registered sections hold is deleted
(``consortia.personal_data``), then the account itself. What remains of the request is its
dates and the curator who acted, never who asked.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .admin_log import forget_in_admin_log
from .personal_data import sections

#: Username of the account that holds the authorship of erased members' published work. The
#: space keeps it from ever being chosen for a real account (usernames cannot hold one).
FORMER_MEMBER_USERNAME = "former member"


class ErasureRefused(Exception):
    """An account that this path must not erase; the message says why."""


class ErasureRequest(models.Model):
    """A member's request to be erased, and when (and by whom) it was carried out."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasure_requests",
        help_text=gettext_lazy("Empty once the account is erased."),
        verbose_name=gettext_lazy("user"),
    )
    requested_at = models.DateTimeField(
        default=timezone.now, verbose_name=gettext_lazy("requested at")
    )
    erased_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("erased at"))
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=gettext_lazy("The curator who carried it out."),
        verbose_name=gettext_lazy("erased by"),
    )

    class Meta:
        verbose_name_plural = gettext_lazy("erasure requests")
        app_label = "consortia"
        ordering = ["erased_at", "requested_at", "pk"]
        verbose_name = gettext_lazy("erasure request")
        permissions = [("erase_account", "Can erase a member's account and personal data")]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(erased_at__isnull=True),
                name="erasure_one_open_request_per_account",
                violation_error_message=gettext_lazy(
                    "This account has already asked to be erased."
                ),
            )
        ]

    def __str__(self):
        # Never the person's name: this text is copied into the admin's log.
        return _("Erasure request %(number)s") % {"number": self.pk}

    @property
    def is_open(self) -> bool:
        return self.erased_at is None


def former_member():
    """The shared, inactive account that erased members' published work is credited to."""
    user, created = get_user_model().objects.get_or_create(
        username=FORMER_MEMBER_USERNAME,
        defaults={"first_name": "Former", "last_name": "member", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def open_request_of(user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, erased_at__isnull=True).first()


def erasure_request_create(*, user) -> ErasureRequest:
    """Record that ``user`` asks to be erased (asking twice keeps the first request)."""
    existing = open_request_of(user)
    if existing is not None:
        return existing
    return ErasureRequest.objects.create(user=user)


def erasure_request_cancel(*, user) -> bool:
    """The member changed their mind before a curator acted."""
    deleted, _ = ErasureRequest.objects.filter(user=user, erased_at__isnull=True).delete()
    return bool(deleted)


def erasure_refusal(user) -> str | None:
    """Why ``user`` cannot be erased this way, or None."""
    if user.get_username() == FORMER_MEMBER_USERNAME:
        return _("The “former member” account holds erased members' work and stays.")
    if user.is_staff or user.is_superuser:
        return _(
            "%(username)s is a staff account: a superuser must first remove its staff rights."
        ) % {"username": user.get_username()}
    return None


@transaction.atomic
def account_erase(*, user, erased_by) -> ErasureRequest:
    """Erase ``user``: personal data deleted, published work kept as the former member's,
    the account deleted. Returns the request, which keeps no trace of who asked."""
    refusal = erasure_refusal(user)
    if refusal:
        raise ErasureRefused(refusal)
    stand_in = former_member()
    request = open_request_of(user) or ErasureRequest(user=user)
    request.erased_at = timezone.now()
    request.erased_by = erased_by
    request.save()
    forget_in_admin_log(user)
    for section in sections():
        section.erase(user, stand_in)
    user.delete()
    request.refresh_from_db()
    return request
