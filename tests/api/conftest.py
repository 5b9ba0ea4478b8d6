"""Callers of the API: anonymous, a member of consortium A, one of B, a curator."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from rest_framework.test import APIClient

from consortia.tokens import api_token_create
from tests.factories import ConsortiumAccessFactory, ConsortiumFactory, UserFactory


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


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
def member_b(consortium_b):
    return ConsortiumAccessFactory(
        user=UserFactory(username="member-b"), consortium=consortium_b
    ).user


@pytest.fixture
def curator(db):
    group, _ = Group.objects.get_or_create(name="Curators")
    group.permissions.add(Permission.objects.get(codename="review_finding"))
    user = UserFactory(username="curator", is_staff=True)
    user.groups.add(group)
    return user


def client_with_token(user) -> APIClient:
    _, key = api_token_create(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def as_member_a(member_a):
    return client_with_token(member_a)


@pytest.fixture
def as_member_b(member_b):
    return client_with_token(member_b)


@pytest.fixture
def as_curator(curator):
    return client_with_token(curator)
