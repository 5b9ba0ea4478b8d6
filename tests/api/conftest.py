"""Callers of the API: anonymous, a member of consortium A, one of B, a curator."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from consortia.tokens import api_token_create
from tests.reaction_fixtures import *  # noqa: F403  (the reactions cast)


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


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
