"""The demo's login accounts: one curator, and one member per consortium."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from consortia.models import Consortium, ConsortiumAccess
from findings.models import Finding
from findings.services import finding_submit

from ..roles import ensure_curators_group
from . import programme as data


@dataclass
class DemoAccount:
    username: str
    role: str
    created: bool
    password_set: bool
    #: Where this account starts: the admin's review queue, or the members' workspace.
    start: str = "/en/me/"  # the workspace in English; /fr/me/ and /es/me/ too
    #: The admin's address, for staff accounts.
    admin: str = ""


def ensure_account(username: str, password: str | None, **attributes) -> tuple:
    """Create the account, or set its password only when one is given."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    created = user is None
    if created:
        user = user_model(username=username, **attributes)
    changed = created or any(getattr(user, k) != v for k, v in attributes.items())
    for name, value in attributes.items():
        setattr(user, name, value)
    password_set = bool(password) and (created or not user.check_password(password))
    if password_set:
        user.set_password(password)
    if changed or password_set:
        user.save()
    return user, created, password_set


#: The consortium whose coordinator signs its submissions off before the curators see them
#: (README, "Two-stage review"): the demo's other consortia have no coordinator, so their
#: members' submissions go straight to the curators, as in the 2021 programme.
SIGNOFF_CONSORTIUM = "silk"


def demo_usernames() -> list[str]:
    slugs = Consortium.objects.order_by("short_name").values_list("slug", flat=True)
    coordinators = [f"coordinator-{slug}" for slug in slugs if slug == SIGNOFF_CONSORTIUM]
    return ["curator", *(f"member-{slug}" for slug in slugs), *coordinators]


def missing_demo_accounts() -> bool:
    wanted = demo_usernames()
    return get_user_model().objects.filter(username__in=wanted).count() < len(wanted)


def submit_demo_submissions() -> None:
    """Demo findings meant to await review are submitted by their consortium's demo member."""
    for spec in data.FINDINGS:
        if spec["status"] != "submitted":
            continue
        finding = Finding.objects.get(slug=spec["slug"])
        if finding.status == "draft":
            member = get_user_model().objects.get(username=f"member-{spec['consortium']}")
            finding_submit(finding=finding, user=member)


@transaction.atomic
def load_accounts(password: str | None) -> list[DemoAccount]:
    accounts = []
    group = ensure_curators_group()
    curator, created, password_set = ensure_account(
        "curator",
        password,
        email="curator@example.org",
        is_staff=True,
        first_name="Programme",
        last_name="Curator",
    )
    if not curator.groups.filter(pk=group.pk).exists():
        curator.groups.add(group)
    accounts.append(
        DemoAccount(
            "curator",
            "curator (staff, Curators group)",
            created,
            password_set,
            start="/admin/findings/submittedfinding/",
            admin="/admin/",
        )
    )
    for consortium in Consortium.objects.order_by("short_name"):
        username = f"member-{consortium.slug}"
        user, created, password_set = ensure_account(
            username, password, email=f"{username}@example.org"
        )
        ConsortiumAccess.objects.get_or_create(
            user=user, consortium=consortium, defaults={"role": "member"}
        )
        accounts.append(
            DemoAccount(username, f"member of {consortium.short_name}", created, password_set)
        )
    coordinator = Consortium.objects.filter(slug=SIGNOFF_CONSORTIUM).first()
    if coordinator is not None:
        accounts.append(_coordinator_account(coordinator, password))
    submit_demo_submissions()
    return accounts


def _coordinator_account(consortium: Consortium, password: str | None) -> DemoAccount:
    """A coordinator who signs off the consortium's submissions (their queue: /me/signoff/)."""
    username = f"coordinator-{consortium.slug}"
    user, created, password_set = ensure_account(
        username, password, email=f"{username}@example.org"
    )
    ConsortiumAccess.objects.update_or_create(
        user=user, consortium=consortium, defaults={"role": "coordinator"}
    )
    if not consortium.requires_coordinator_signoff:
        consortium.requires_coordinator_signoff = True
        consortium.save(update_fields=["requires_coordinator_signoff"])
    return DemoAccount(
        username,
        f"coordinator of {consortium.short_name} (signs off its submissions)",
        created,
        password_set,
        start="/en/me/signoff/",
    )
