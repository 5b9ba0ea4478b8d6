"""What a new visitor, member and curator stumbled on, seen in Chromium at 360 px and desktop:
each page fits its window, with screenshots in tests/artifacts/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.factories import PublishedFindingFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 360, "height": 800}
WIDTHS = [("360", NARROW), ("desktop", DESKTOP)]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize(("width_name", "viewport"), WIDTHS)
def test_a_long_word_in_a_search_or_a_title_wraps_inside_the_window(
    live_server, transactional_db, browser, artifacts, width_name, viewport
):
    word = "x" * 199
    PublishedFindingFactory(title=f"A title with {word}", summary=f"A summary with {word}.")
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{live_server.url}/findings/?q={word}")

    expect(page.locator(".results__count")).to_have_text(f"1 finding for “{word}”")
    assert page_width(page) == viewport["width"]
    page.screenshot(path=artifacts / f"rough-search-long-word-{width_name}.png", full_page=True)

    page.goto(f"{live_server.url}/findings/?q={'y' * 4000}")
    expect(page.get_by_role("alert")).to_contain_text("Search for at most 200 characters")
    assert page_width(page) == viewport["width"]
    context.close()
