"""axe-core (the engine behind browser accessibility audits) finds no WCAG 2.1 A/AA violation
on the pages visitors, members and curators use."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from tests.two_factor import app_code, confirmed_app

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PUBLIC_PAGES = [
    "/en/",
    "/en/consortia/",
    "/en/consortia/pl4se-plp/",
    "/en/organisations/cepes/",
    "/en/people/karen-maguire/",
    "/en/events/",
    "/en/events/mainstreaming-the-sse-2021/",
    "/en/events/global-action-final-conference/",
    "/en/themes/",
    "/en/themes/building-better-enabling-ecosystems/",
    "/en/sdgs/",
    "/en/sdgs/17/",
    "/en/people/",
    "/en/organisations/",
    "/en/organisations/?letter=D",
    "/en/findings/",
    "/en/findings/?q=legal+frameworks&sdg=16",
    "/en/findings/pl4se-advanced-legal-frameworks/",
    "/en/accounts/login/",
    "/en/privacy/",
    "/no-such-page/",
]
MEMBER_PAGES = [
    "/en/me/",
    "/en/me/findings/new/",
    "/en/me/findings/sim-investors-and-sdg-reporting/",
    "/en/me/two-factor/",
    "/en/accounts/two-factor/setup/",
    "/en/me/privacy/",
]


def violations(page) -> list[tuple[str, str, int]]:
    result = Axe().run(page, options=WCAG_AA)
    return [(v["id"], v["impact"], len(v["nodes"])) for v in result.response["violations"]]


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_public_pages_pass_axe(live_server, transactional_db, demo, browser, viewport):
    page = browser.new_page(viewport=viewport)
    found = {}
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}")
        found[path] = violations(page)

    assert found == {path: [] for path in PUBLIC_PAGES}


def test_members_workplace_passes_axe(live_server, transactional_db, demo, page):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("#id_username").fill("member-sim")
    page.locator("#id_password").fill("demo-password-for-tests")
    page.locator("main").get_by_role("button", name="Log in").click()
    found = {}
    for path in MEMBER_PAGES:
        page.goto(f"{live_server.url}{path}")
        found[path] = violations(page)

    assert found == {path: [] for path in MEMBER_PAGES}


def test_two_step_sign_in_pages_pass_axe(live_server, transactional_db, demo, page):
    curator = get_user_model().objects.get(username="curator")
    device = confirmed_app(curator)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("#id_username").fill("curator")
    page.locator("#id_password").fill("demo-password-for-tests")
    page.locator("main").get_by_role("button", name="Log in").click()
    found = {"code to sign in": violations(page)}
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    found["a wrong code"] = violations(page)
    page.wait_for_timeout(1100)  # the wait django-otp imposes after a wrong code
    page.get_by_label("Code from your authenticator app").fill(app_code(device))
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/en/me/two-factor/")
    found["settings"] = violations(page)
    page.get_by_role("button", name="Make new recovery codes").click()
    found["recovery codes"] = violations(page)

    assert found == {name: [] for name in found}
