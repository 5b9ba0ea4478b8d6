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


@pytest.fixture
def curators_group(db):
    group, _ = Group.objects.get_or_create(name="Curators")
    group.permissions.add(Permission.objects.get(codename="review_finding"))
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
