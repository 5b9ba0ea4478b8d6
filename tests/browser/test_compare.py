"""The comparison table and an organisation's matches in a browser: the table scrolls inside
its own focusable box at 320 px (the page does not), and both pages pass axe."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, NARROW
from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser


def test_compare_table_and_matches_pass_axe_and_fit_a_narrow_screen(
    live_server, transactional_db, demo, browser, artifacts
):
    page = browser.new_page(viewport=NARROW)
    page.goto(live_server.url + reverse("findings:compare") + "?rows=theme&cols=consortium")
    assert page.locator("table.compare-matrix caption").count() == 1
    assert page.locator("table.compare-matrix tbody th[scope=row]").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.screenshot(path=str(artifacts / "compare-320.png"), full_page=True)
    found = {"compare": audit(page)}
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(artifacts / "compare-desktop.png"), full_page=True)
    page.goto(live_server.url + reverse("consortia:organisation_detail", args=["diesis-network"]))
    assert page.locator("ul.matches li").count() >= 1
    found["organisation with matches"] = audit(page)
    assert found == {key: [] for key in found}
    page.close()
