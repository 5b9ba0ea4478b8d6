"""People and findings for the members' and curators' tests.

Consortium A has a member, a coordinator; consortium B has a member. The curator is a
staff account in the "Curators" group, which holds ``findings.review_finding``.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from consortia.enums import AccessRole
from tests.factories import ConsortiumAccessFactory, ConsortiumFactory, FindingFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def consortium_a(db):
    return ConsortiumFactory(short_name="SILK", slug="silk")


@pytest.fixture
def consortium_b(db):
    return ConsortiumFactory(short_name="PL4SE-PLP", slug="pl4se-plp")


@pytest.fixture
def member_a(consortium_a):
    return ConsortiumAccessFactory(
        user=UserFactory(username="member-a"), consortium=consortium_a
    ).user


@pytest.fixture
def coordinator_a(consortium_a):
    return ConsortiumAccessFactory(
        user=UserFactory(username="coordinator-a"),
        consortium=consortium_a,
        role=AccessRole.COORDINATOR,
    ).user


@pytest.fixture
def member_b(consortium_b):
    return ConsortiumAccessFactory(
        user=UserFactory(username="member-b"), consortium=consortium_b
    ).user


CURATOR_PERMISSIONS = [
    ("findings", "review_finding"),
    ("findings", "view_finding"),
    ("findings", "change_finding"),
    ("findings", "add_finding"),
    ("findings", "delete_finding"),
    ("findings", "view_review"),
    ("consortia", "view_consortiumaccess"),
    ("consortia", "add_consortiumaccess"),
]


@pytest.fixture
def curators_group(db):
    group, _ = Group.objects.get_or_create(name="Curators")
    for app_label, codename in CURATOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


@pytest.fixture
def curator(curators_group):
    user = UserFactory(username="curator", is_staff=True)
    user.groups.add(curators_group)
    return user


@pytest.fixture
def draft_a(consortium_a, member_a):
    return FindingFactory(consortium=consortium_a, author=member_a, slug="draft-a")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run ``transaction.on_commit`` callbacks (the e-mails) inside the test transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def finding_in(consortium_a, member_a):
    """A finding of consortium A brought to ``status`` through the services."""
    from findings import services

    def make(status: str, slug: str = "finding-a"):
        finding = FindingFactory(consortium=consortium_a, author=member_a, slug=slug)
        curator = UserFactory(username="setup-curator", is_superuser=True, is_staff=True)
        if status == "draft":
            return finding
        services.finding_submit(finding=finding, user=member_a)
        steps = {
            "submitted": [],
            "changes_requested": [services.finding_request_changes],
            "rejected": [services.finding_reject],
            "published": [services.finding_publish],
            "withdrawn": [services.finding_publish, services.finding_withdraw],
        }[status]
        for step in steps:
            step(finding=finding, user=curator, comment="Because.")
        finding.refresh_from_db()
        return finding

    return make
