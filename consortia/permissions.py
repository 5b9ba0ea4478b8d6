"""Who may act for which consortium.

A login acts for a consortium through a ``ConsortiumAccess`` (role member or coordinator).
Inactive and anonymous users act for none.
"""

from django.db.models import QuerySet

from .enums import AccessRole
from .models import Consortium, ConsortiumAccess


def _is_active_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def consortia_for(user) -> QuerySet[Consortium]:
    """The consortia this user acts for (as member or coordinator)."""
    if not _is_active_user(user):
        return Consortium.objects.none()
    return Consortium.objects.filter(accesses__user=user).distinct()


def access_role(user, consortium: Consortium) -> str | None:
    """``"member"``, ``"coordinator"`` or ``None`` for this user in this consortium."""
    if not _is_active_user(user) or consortium is None:
        return None
    return (
        ConsortiumAccess.objects.filter(user=user, consortium=consortium)
        .values_list("role", flat=True)
        .first()
    )


def acts_for(user, consortium: Consortium) -> bool:
    """True when the user is a member or coordinator of the consortium."""
    return access_role(user, consortium) is not None


def is_coordinator_of(user, consortium: Consortium) -> bool:
    return access_role(user, consortium) == AccessRole.COORDINATOR


def can_invite_members_to(user, consortium: Consortium) -> bool:
    """Coordinators invite members to their own consortium; curators (staff) to any.

    Staff rights are checked by the admin itself; this predicate covers the site door.
    """
    return is_coordinator_of(user, consortium)
