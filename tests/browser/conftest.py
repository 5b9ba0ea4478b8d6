"""Playwright drives Debian's Chromium (/usr/bin/chromium) against pytest-django's live server."""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import connections
from pytest_django.plugin import blocking_manager_key

load_sdgs = importlib.import_module("findings.migrations.0002_load_sdgs").load_sdgs

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop vs pytest-django

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session", autouse=True)
def chromium_available():
    """Outside CI a missing browser skips these tests with the reason; in CI it fails them."""
    if os.path.exists(CHROMIUM):
        return
    reason = f"{CHROMIUM} is missing: apt-get install chromium"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back the SDGs once a live-server test has been torn down.

    Live-server tests commit, and end with a flush that also empties the SDG table, which a data
    migration fills; the tests that follow expect it full. This runs after every fixture's
    teardown, so after the flush. (pytest-django's serialized rollback did not restore the table
    once the live server had answered a request.) After the last test the database is gone.
    """
    result = yield
    if nextitem is None:
        return result  # the run is over and the test database is gone
    with item.config.stash[blocking_manager_key].unblock():
        load_sdgs(django_apps, schema_editor=None)
        # This hook may run in Playwright's context, whose connection the test database's
        # teardown cannot see: left open, PostgreSQL would refuse to drop the database.
        connections.close_all()
    return result


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
