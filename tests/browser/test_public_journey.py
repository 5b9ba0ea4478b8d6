"""A visitor's journey through the public portal, at phone and desktop widths, with screenshots."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width_name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_visitor_goes_from_home_to_event_theme_findings_search_and_finding(
    live_server, transactional_db, demo, browser, artifacts, width_name, viewport
):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()

    def shot(step: str) -> None:
        page.screenshot(path=artifacts / f"public-{width_name}-{step}.png", full_page=True)

    # Home: what the programme is, figures, and the latest event.
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile(r"PLP Portal$"))
    expect(page.locator(".figures")).to_contain_text("Consortia")
    shot("1-home")

    # The final PLP event, through the events list.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role(
        "link", name=re.compile("^Mainstreaming the Social and Solidarity Economy")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mainstreaming the Social")
    expect(page.locator(".event-when").first).to_contain_text("CET (UTC+01:00), Europe/Paris")
    expect(page.locator(".breakout")).to_have_count(3)
    shot("2-event")

    # A breakout's theme: all consortia's findings side by side.
    page.locator(".breakout__theme").first.get_by_role("link").click()
    expect(page).to_have_url(live_server.url + "/en/themes/building-better-enabling-ecosystems/")
    expect(page.locator(".consortium-column").first).to_be_visible()
    shot("3-theme")

    # Findings filtered by a consortium, then by an SDG.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Findings").click()
    page.locator("#facet-consortium + ul").get_by_role("link", name=re.compile(r"^SIM ")).click()
    expect(page).to_have_url(re.compile(r"\?consortium=sim$"))
    page.locator("#facet-sdg + ul").get_by_role(
        "link", name=re.compile(r"^17 Partnerships")
    ).click()
    expect(page).to_have_url(re.compile(r"consortium=sim&sdg=17$"))
    expect(page.locator(".results__count")).to_have_text("2 findings")
    shot("4-filtered")

    # A phrase search within those filters.
    page.get_by_label("Search findings").fill('"good practices"')
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"consortium=sim&sdg=17&q=%22good\+practices%22"))
    expect(page.locator(".results__count")).to_have_text("1 finding for “good practices”")
    expect(page.get_by_label("Sort by")).to_have_value("relevance")
    highlight = page.locator(".card__snippet mark").first
    expect(highlight).to_contain_text("practices")  # the phrase, or its words (PostgreSQL)
    shot("5-search")

    # The finding itself, with its citation.
    page.get_by_role("link", name="A toolbox of good practices, not one prescribed method").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "A toolbox of good practices, not one prescribed method"
    )
    expect(page.locator(".cite__text")).to_contain_text("SIM. (2021). A toolbox of good practices")
    shot("6-finding")
    context.close()


def test_keyboard_user_can_skip_to_main_content(live_server, transactional_db, demo, page):
    page.goto(live_server.url + "/en/findings/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/en/findings/#main")
