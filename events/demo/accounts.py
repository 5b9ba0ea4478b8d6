"""The demo's login accounts: one curator, and one member per consortium."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from consortia.models import Consortium, ConsortiumAccess
from findings.models import Finding
from findings.services import finding_submit

from . import programme as data

CURATORS_GROUP = "Curators"

# What curation needs: full control of the programme's content, reading the review log and
# history, and enough of the user model to invite members. No superuser powers.
CURATOR_PERMISSIONS = {
    "consortia": {
        "programme": "vacd",
        "organisation": "vacd",
        "person": "vacd",
        "consortium": "vacd",
        "membership": "vacd",
        "consortiumaccess": "vacd",
    },
    "findings": {
        "theme": "vacd",
        "sdg": "v",
        "finding": "vacd",
        "historicalfinding": "v",
        "source": "vacd",
        "attachment": "vcd",
        "review": "v",
        "submittedfinding": "v",
    },
    "events": {
        "event": "vacd",
        "session": "vacd",
        "contribution": "vacd",
        "breakout": "vacd",
        "keypoint": "vacd",
    },
    "auth": {"user": "vac"},
}
EXTRA_CURATOR_PERMISSIONS = [("findings", "review_finding")]
ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def curator_permission_query() -> Q:
    query = Q(pk__in=[])
    for app_label, models in CURATOR_PERMISSIONS.items():
        for model, letters in models.items():
            codenames = [f"{ACTIONS[letter]}_{model}" for letter in letters]
            query |= Q(content_type__app_label=app_label, codename__in=codenames)
    for app_label, codename in EXTRA_CURATOR_PERMISSIONS:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def ensure_curators_group() -> Group:
    group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    wanted = set(Permission.objects.filter(curator_permission_query()))
    if set(group.permissions.all()) != wanted:
        group.permissions.set(wanted)
    return group


@dataclass
class DemoAccount:
    username: str
    role: str
    created: bool
    password_set: bool


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


def demo_usernames() -> list[str]:
    slugs = Consortium.objects.order_by("short_name").values_list("slug", flat=True)
    return ["curator", *(f"member-{slug}" for slug in slugs)]


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
        DemoAccount("curator", "curator (staff, Curators group)", created, password_set)
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
    submit_demo_submissions()
    return accounts
