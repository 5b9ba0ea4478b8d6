"""The portal both servers serve: its settings, and what the checks need in its database
(set up by this process through the portal's own code, on the shared database)."""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path


def environment(*, database_url: str, redis_url: str, static_root: Path) -> dict[str, str]:
    """Production settings, the same on both servers (one secret key: one site)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "cluster-proof-" + secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # nginx here speaks plain HTTP on loopback.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PLP_PAGE_CACHE": "true",
        "PLP_NUM_PROXIES": "1",
        "EMAIL_URL": "dummy://",
        # The load must measure failover, not the anonymous API's rate limit.
        "PLP_API_ANON_RATE": "100000000/minute",
    }


def start_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plp_portal.settings")
    import django

    django.setup()


@dataclass
class Cast:
    member: str
    curator: str
    password: str
    token: str
    submitted_slug: str
    submitted_title: str
    published_slug: str


def prepare(run: str) -> Cast:
    """Migrate, load the demo programme if absent, and make this run's accounts, API token
    and submitted finding."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", no_accounts=True, force=True, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    from consortia.enums import AccessRole
    from consortia.models import Consortium, ConsortiumAccess
    from consortia.tokens import api_token_create
    from events.roles import ensure_curators_group
    from findings import services
    from findings.models import Finding

    User = get_user_model()
    password = secrets.token_urlsafe(16)
    member, _ = User.objects.get_or_create(username="cluster-member")
    curator, _ = User.objects.get_or_create(username="cluster-curator", defaults={"is_staff": True})
    for user in (member, curator):
        user.set_password(password)
        user.is_active = True
        user.save()
    curator.groups.add(ensure_curators_group())
    consortium = Consortium.objects.order_by("pk").first()
    ConsortiumAccess.objects.get_or_create(
        user=member, consortium=consortium, defaults={"role": AccessRole.MEMBER}
    )
    title = f"Two servers share one portal ({run})"
    finding = services.finding_create(
        user=member,
        consortium=consortium,
        title=title,
        summary="Written by the cluster proof: published through one server, read through another.",
    )
    services.finding_submit(finding=finding, user=member)
    _, token = api_token_create(user=curator, name=f"cluster proof {run}")
    published = Finding.objects.published().order_by("pk").first()
    return Cast(
        member=member.username,
        curator=curator.username,
        password=password,
        token=token,
        submitted_slug=finding.slug,
        submitted_title=title,
        published_slug=published.slug,
    )


def clean_up(cast: Cast) -> None:
    """Leave the database as the run found it, but for the accounts (reused next time)."""
    from consortia.tokens import ApiToken
    from findings.models import Finding

    Finding.objects.filter(slug=cast.submitted_slug).delete()
    ApiToken.objects.filter(user__username=cast.curator, name__startswith="cluster proof").delete()
