"""axe-core (the engine behind browser accessibility audits) finds no WCAG 2.2 A/AA violation
on any page visitors, members and curators use, in every language of the interface, at the
narrowest width WCAG asks for (320 px) and at a desktop width.

Each language and audience is a test of its own (parallel workers share them), and each page is
loaded once and audited at both widths by resizing the window: CI runs the browser tests twice
(SQLite and PostgreSQL) and must stay fast.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import DESKTOP, NARROW
from tests.two_factor import app_code, confirmed_app

pytestmark = pytest.mark.browser

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],  # the passes are not collected: the audit is much faster
}
WIDTHS = (NARROW, DESKTOP)
PASSWORD = "demo-password-for-tests"
# axe-core's source, as axe-playwright-python ships it; run here so that it is injected once
# per page and only the violations' names come back from the browser.
AXE_SOURCE = Axe().axe_script
RUN_AXE = """options => axe.run(document, options).then(
    results => results.violations.map(v => [v.id, v.impact, v.nodes[0].target])
)"""


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def public_addresses() -> dict[str, str]:
    """Every public template, addressed in the active language."""
    findings = reverse("findings:finding_list")
    return {
        "home": reverse("events:home"),
        "findings": findings,
        "findings searched and filtered": f"{findings}?q=legal+frameworks&sdg=16",
        "findings, second page": f"{findings}?consortium=sim&page=2",
        "finding": reverse(
            "findings:finding_detail", kwargs={"slug": "pl4se-advanced-legal-frameworks"}
        ),
        "finding trail": reverse(
            "findings:finding_trail", kwargs={"slug": "sim-sdgs-as-impact-measurement-tool"}
        ),
        "contested findings": f"{findings}?contested=1",
        "themes": reverse("findings:theme_list"),
        "theme": reverse(
            "findings:theme_detail", kwargs={"slug": "building-better-enabling-ecosystems"}
        ),
        "SDGs": reverse("findings:sdg_list"),
        "SDG": reverse("findings:sdg_detail", kwargs={"number": 17}),
        "consortia": reverse("consortia:consortium_list"),
        "consortium": reverse("consortia:consortium_detail", kwargs={"slug": "pl4se-plp"}),
        "organisations": reverse("consortia:organisation_list"),
        "organisations by letter": reverse("consortia:organisation_list") + "?letter=D",
        "organisation": reverse("consortia:organisation_detail", kwargs={"slug": "cepes"}),
        "people": reverse("consortia:person_list"),
        "person": reverse("consortia:person_detail", kwargs={"slug": "karen-maguire"}),
        "events": reverse("events:event_list"),
        "event": reverse("events:event_detail", kwargs={"slug": "mainstreaming-the-sse-2021"}),
        "event report": reverse(
            "events:event_report", kwargs={"slug": "mainstreaming-the-sse-2021"}
        ),
        "event without programme": reverse(
            "events:event_detail", kwargs={"slug": "global-action-final-conference"}
        ),
        "privacy notice": reverse("privacy_notice"),
        "accessibility statement": reverse("accessibility_statement"),
        "sign in": reverse("login"),
        "password reset": reverse("password_reset"),
        "page not found": reverse("findings:finding_list") + "no-such-finding/",
    }


def member_addresses() -> dict[str, str]:
    return {
        "workspace": reverse("members:dashboard"),
        "draft finding": reverse(
            "members:finding_detail", kwargs={"slug": "sim-investors-and-sdg-reporting"}
        ),
        "reaction form": reverse(
            "members:reaction_create", kwargs={"slug": "pl4se-advanced-legal-frameworks"}
        ),
        "privacy settings": reverse("members:privacy"),
        "two-step sign-in": reverse("members:two_factor"),
        "two-step sign-in setup": reverse("two_factor:setup"),
    }


def audit(page) -> list[tuple]:
    """What axe finds on the loaded page at each width: (width, rule, impact, first element)."""
    page.evaluate(AXE_SOURCE)
    found = []
    for viewport in WIDTHS:
        page.set_viewport_size(viewport)
        for rule, impact, target in page.evaluate(RUN_AXE, WCAG_22_AA):
            found.append((viewport["width"], rule, impact, target))
    return found


def sign_in(page, login_url: str, username: str) -> None:
    page.goto(login_url)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def enter_code(page, code: str) -> None:
    page.locator("main input[autocomplete=one-time-code]").fill(code)
    with page.expect_navigation():
        page.locator("main input[autocomplete=one-time-code]").press("Enter")


def submit(page, button: str) -> None:
    """Click a form's button and wait for the answer: a form posted to its own address
    keeps the URL, so without the wait a check can read the page the click left."""
    with page.expect_navigation():
        page.locator(button).click()


def audit_as_visitor(page, base_url: str, language: str) -> dict:
    with translation.override(language):
        public = public_addresses()
    found = {}
    for name, address in public.items():
        page.goto(base_url + address)
        found[(language, name)] = audit(page)
    return found


def audit_as_member_and_curator(page, base_url: str, language: str) -> dict:
    """As a member (with each form's errors shown), then as a curator signing in with a
    second step."""
    device = confirmed_app(get_user_model().objects.get(username="curator"))
    with translation.override(language):
        members = member_addresses()
        new_finding = reverse("members:finding_create")
        tokens = reverse("tokens:token_list")
        two_factor = reverse("members:two_factor")
        recovery_codes = reverse("members:two_factor_recovery_codes")
        login = reverse("login")
    found = {}
    sign_in(page, base_url + login, "member-sim")
    for name, address in members.items():
        page.goto(base_url + address)
        found[(language, name)] = audit(page)
    page.goto(base_url + new_finding)
    submit(page, "form.member-form button[value=save]")
    assert page.locator(".field--error").count() >= 1  # the errors are shown
    found[(language, "new finding with errors")] = audit(page)
    page.goto(base_url + tokens)
    submit(page, "main form[novalidate] button[type=submit]")
    assert page.locator("main .field--error").count() == 1  # the name is missing
    found[(language, "tokens with an error")] = audit(page)
    page.locator("#id_name").fill(f"Audit token {language}")
    submit(page, "main form[novalidate] button[type=submit]")
    found[(language, "token made")] = audit(page)
    page.goto(base_url + tokens)
    found[(language, "tokens")] = audit(page)

    page.context.clear_cookies()
    sign_in(page, base_url + login, "curator")
    found[(language, "code to sign in")] = audit(page)
    enter_code(page, "000000")
    found[(language, "a wrong code")] = audit(page)
    page.wait_for_timeout(1100)  # the wait django-otp imposes after a wrong code
    enter_code(page, app_code(device))
    page.goto(base_url + two_factor)
    found[(language, "two-step settings")] = audit(page)
    page.locator(f"main form[action='{recovery_codes}'] button").click()
    found[(language, "recovery codes")] = audit(page)
    return found


AUDIENCES = {"visitor": audit_as_visitor, "member and curator": audit_as_member_and_curator}


# One test per language and audience, so that parallel workers share the audit; each page is
# loaded once and audited at both widths.
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("language", languages())
def test_every_page_passes_axe_at_320px_and_desktop(
    live_server, transactional_db, demo_with_two_pages_of_sim, browser, language, audience
):
    page = browser.new_page(viewport=DESKTOP)
    found = AUDIENCES[audience](page, live_server.url, language)
    page.close()
    assert found == {key: [] for key in found}
    assert len(found) >= 5
