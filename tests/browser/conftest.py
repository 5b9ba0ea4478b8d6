"""Playwright drives Debian's Chromium (/usr/bin/chromium) against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from consortia.models import Consortium
from findings.models import Theme
from tests.factories import PublishedFindingFactory

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
# The narrowest width WCAG's reflow criterion (1.4.10) asks for.
NARROW = {"width": 320, "height": 640}


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


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def demo_with_two_pages_of_sim(demo):
    """The demo, plus enough of SIM's findings on one theme for a second page of results."""
    theme = Theme.objects.get(slug="building-better-enabling-ecosystems")
    sim = Consortium.objects.get(slug="sim")
    for number in range(1, 22):
        PublishedFindingFactory(
            consortium=sim,
            title=f"Peer learning note {number:02}",
            slug=f"peer-learning-note-{number:02}",
            summary="What the partners learnt from each other in peer learning.",
            themes=[theme],
        )
