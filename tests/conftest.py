import pytest
from django.core.management import call_command

from consortia.enums import AccessRole
from events.roles import ensure_curators_group
from tests.factories import ConsortiumAccessFactory, ConsortiumFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Tests create many accounts; the production hasher's slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The real 2021 programme, as `make run` loads it."""
    # Django runs tests with DEBUG off, where the loader guards its accounts behind --force.
    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)


# The cast of the permission tests: consortium A has a member and a coordinator, consortium B
# a member; the curator is a staff account in the real "Curators" group.


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
    return ensure_curators_group()


@pytest.fixture
def curator(curators_group):
    user = UserFactory(username="curator", is_staff=True)
    user.groups.add(curators_group)
    return user
