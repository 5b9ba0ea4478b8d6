"""Inviting a person to act for a consortium: the only way accounts are made (no
self-registration). Curators invite from the admin; coordinators from their workspace."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .enums import AccessRole
from .models import Consortium, ConsortiumAccess
from .permissions import can_invite_members_to


@dataclass(frozen=True)
class Invitation:
    user: object
    access: ConsortiumAccess
    created_user: bool
    created_access: bool


def set_password_url(user, base_url: str) -> str:
    """A one-time link to Django's password-reset confirmation page."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def _free_username(email: str) -> str:
    User = get_user_model()
    base = email.lower()[:140]
    username, n = base, 2
    while User.objects.filter(username=username).exists():
        username, n = f"{base}-{n}", n + 1
    return username


@transaction.atomic
def member_invite(
    *,
    email: str,
    consortium: Consortium,
    invited_by,
    role: str = AccessRole.MEMBER,
    first_name: str = "",
    last_name: str = "",
    base_url: str | None = None,
) -> Invitation:
    """Create (or reuse) the account for ``email``, let it act for ``consortium`` and e-mail
    it a link to set its password (or, for an account that has one, a note)."""
    if not can_invite_members_to(invited_by, consortium, role):
        raise PermissionDenied(
            _(
                "Only curators, and the coordinators of %(consortium)s for members, can invite "
                "people to it."
            )
            % {"consortium": consortium.short_name}
        )
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created_user = user is None
    if created_user:
        user = User(
            username=_free_username(email),
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
    access, created_access = ConsortiumAccess.objects.get_or_create(
        user=user, consortium=consortium, defaults={"role": role}
    )
    base_url = base_url or settings.PLP_SITE_URL
    context = {
        "user": user,
        "consortium": consortium,
        "role": access.get_role_display().lower(),
        "inviter": (invited_by.get_full_name() or invited_by.get_username())
        if invited_by
        else "A curator",
        "site_name": settings.SITE_NAME,
        "set_password_url": None
        if user.has_usable_password()
        else set_password_url(user, base_url),
        "login_url": base_url.rstrip("/") + reverse("login"),
    }
    subject = " ".join(render_to_string("registration/invite_subject.txt", context).split())
    body = render_to_string("registration/invite_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    return Invitation(user, access, created_user, created_access)
