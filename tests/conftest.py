import importlib
import logging
import os

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from consortia.enums import AccessRole
from events.roles import ensure_curators_group
from plp_portal.audit_log import LOGGER_NAME, AuditFormatter
from tests.factories import ConsortiumAccessFactory, ConsortiumFactory, UserFactory

# Tests of one database's features carry its marker and are skipped on the other database,
# with a reason that `-ra` prints in the summary: a run says what it did not check.
# marker -> (the connection's vendor it needs, the reason to skip elsewhere)
DATABASE_MARKERS = {
    "postgres": (
        "postgresql",
        "needs PostgreSQL; the tests run on {vendor}: set DATABASE_URL=postgres://… to run it",
    ),
    "sqlite": ("sqlite", "checks SQLite's fallback; the tests run on {vendor}"),
}


def pytest_configure(config):
    """CI's runs refuse to start in a shape that would skip what they exist to check.

    Checked here, before pytest-xdist starts its workers, so a refusal is one line of the
    main process, not a crash of every worker.
    """
    vendor = connection.vendor
    database_url = os.environ.get("DATABASE_URL", "")
    if (
        os.environ.get("CI") == "true"
        and database_url.startswith(("postgres://", "postgresql://"))
        and vendor != "postgresql"
    ):
        # CI's PostgreSQL run must run the PostgreSQL tests, never skip them quietly.
        raise pytest.UsageError(f"DATABASE_URL names PostgreSQL but the tests use {vendor}.")
    if (
        os.environ.get("CI") == "true"
        and vendor == "postgresql"
        and not os.environ.get("REDIS_URL")
    ):
        # The same run is the production shape, with Redis: its Redis tests must run there.
        raise pytest.UsageError("CI's PostgreSQL run needs REDIS_URL: its Redis tests run there.")


def pytest_collection_modifyitems(config, items):
    vendor = connection.vendor
    for marker, (needed_vendor, reason) in DATABASE_MARKERS.items():
        if needed_vendor == vendor:
            continue
        skip = pytest.mark.skip(reason=reason.format(vendor=vendor))
        for item in items:
            if item.get_closest_marker(marker):
                item.add_marker(skip)
    if not os.environ.get("REDIS_URL"):
        skip = pytest.mark.skip(reason="needs Redis: set REDIS_URL=redis://… to run it")
        for item in items:
            if item.get_closest_marker("redis"):
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Tests create many accounts; the production hasher's slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in French (LocaleMiddleware
    activates it for the thread) must not make the next test's reverse() answer /fr/…."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Counts and pages are cached until content changes, and a test's changes never commit
    (so never retire them): each test starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def audit_log_in_tmp_path(tmp_path):
    """Each test's audit lines go to a file of its own (tests/security/audit.py reads it)."""
    audit_logger = logging.getLogger(LOGGER_NAME)
    configured = audit_logger.handlers[:]
    handler = logging.FileHandler(tmp_path / "audit.log", delay=True, encoding="utf-8")
    handler.setFormatter(AuditFormatter())
    audit_logger.handlers = [handler]
    yield
    handler.close()
    audit_logger.handlers = configured


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


load_sdgs = importlib.import_module("findings.migrations.0002_load_sdgs").load_sdgs
load_claim_vocabularies = importlib.import_module(
    "findings.migrations.0020_claims"
).load_vocabularies
load_sdg_targets = importlib.import_module("findings.migrations.0021_load_sdg_targets").load_targets


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in item.fixturenames
        or "live_server" in item.fixturenames
        or (marker is not None and marker.kwargs.get("transaction", False))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back the SDGs after a test that commits (transactional and live-server tests).

    Such a test ends with a flush that also empties the SDG table, which a data migration fills;
    the tests that follow expect it full, whatever order they run in. This runs after every
    fixture's teardown, so after the flush. (pytest-django's serialized rollback did not restore
    the table once a live server had answered a request.) After the last test the database is
    gone.
    """
    result = yield
    if nextitem is None or not _flushes_the_database(item):
        return result
    with item.config.stash[blocking_manager_key].unblock():
        load_sdgs(django_apps, schema_editor=None)
        load_claim_vocabularies(django_apps, schema_editor=None)  # levels, first levers
        load_sdg_targets(django_apps, schema_editor=None)
        # This hook may run in Playwright's context, whose connection the test database's
        # teardown cannot see: left open, PostgreSQL would refuse to drop the database.
        connections.close_all()
    return result
