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


INVITE_PERMISSION = "consortia.add_consortiumaccess"


def can_invite_to_any_consortium(user) -> bool:
    """Curators (who may add member accounts) invite people to any consortium, in any role."""
    return _is_active_user(user) and user.has_perm(INVITE_PERMISSION)


def can_invite_members_to(user, consortium: Consortium, role: str = AccessRole.MEMBER) -> bool:
    """Curators invite to any consortium in any role; coordinators invite members (not
    coordinators) to their own consortium."""
    if can_invite_to_any_consortium(user):
        return True
    return role == AccessRole.MEMBER and is_coordinator_of(user, consortium)
