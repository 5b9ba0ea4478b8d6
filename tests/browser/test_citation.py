"""The finding page's citation in a browser: the style chosen with the form, with or without
JavaScript, and the copy button that JavaScript adds."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.factories import ConsortiumFactory, PublishedFindingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def finding_url(live_server, transactional_db):
    finding = PublishedFindingFactory(
        consortium=ConsortiumFactory(short_name="SIM"),
        title="A toolbox of good practices",
        slug="toolbox",
    )
    return live_server.url + finding.get_absolute_url()


def test_reader_copies_the_citation_in_the_style_they_chose(browser, finding_url):
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(finding_url)

    page.get_by_label("Citation style").select_option("chicago")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{finding_url}?style=chicago#cite")
    expect(page.get_by_label("Citation style")).to_have_value("chicago")
    citation = page.locator(".cite__text").inner_text()
    assert citation.startswith("SIM. 20")
    assert f". A Toolbox of Good Practices. PLP Portal. {finding_url}." in citation

    page.get_by_role("button", name="Copy citation").click()

    expect(page.get_by_role("status")).to_have_text("Citation copied.")
    assert page.evaluate("navigator.clipboard.readText()") == citation
    context.close()


def test_without_javascript_the_style_form_works_and_no_copy_button_shows(browser, finding_url):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(finding_url)

    expect(page.get_by_role("button", name="Copy citation")).to_be_hidden()
    page.get_by_label("Citation style").select_option("chicago")
    page.get_by_role("button", name="Show").click()

    expect(page.locator(".cite__text")).to_contain_text("A Toolbox of Good Practices")
    context.close()
