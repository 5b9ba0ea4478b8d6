"""The pages of reactions and provenance in a browser: the trail's graph fits a 320 px screen
(it scrolls inside its own box, the page does not) and passes axe with the reaction form."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, NARROW
from tests.browser.test_accessibility import audit, sign_in

pytestmark = pytest.mark.browser


def test_trail_and_reaction_form_pass_axe_and_fit_a_narrow_screen(
    live_server, transactional_db, demo, browser, artifacts
):
    page = browser.new_page(viewport=NARROW)
    trail = reverse(
        "findings:finding_trail", kwargs={"slug": "sim-sdgs-as-impact-measurement-tool"}
    )
    page.goto(live_server.url + trail)
    assert page.locator("svg.trail__svg").count() == 1
    assert page.locator(".trail__table tbody tr").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.screenshot(path=str(artifacts / "trail-320.png"), full_page=True)
    found = {"trail": audit(page)}
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(artifacts / "trail-desktop.png"), full_page=True)

    sign_in(page, live_server.url + reverse("login"), "member-sim")
    form = reverse("members:reaction_create", kwargs={"slug": "pl4se-advanced-legal-frameworks"})
    page.goto(live_server.url + form + "?kind=otherwise")
    found["reaction form"] = audit(page)
    with page.expect_navigation():  # the form posts to its own address
        page.locator("main form.member-form button[type=submit]").click()
    assert page.locator(".field--error").count() == 1  # the evidence is missing
    found["reaction form with an error"] = audit(page)
    assert found == {key: [] for key in found}
    page.close()
