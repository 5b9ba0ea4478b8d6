"""Under the Content-Security-Policy every page still works and Chromium reports no violation:
public pages, a member's workplace, the admin (index, lists, forms, the review page, history)
and the API docs, whose Swagger UI must still list the endpoints."""

import pytest
from django.contrib.auth import get_user_model

from findings.enums import FindingStatus
from findings.models import Finding
from tests.two_factor import app_code, confirmed_app

pytestmark = pytest.mark.browser

PASSWORD = "demo-password-for-tests"  # the demo fixture's
PUBLIC_PAGES = [
    "/en/",
    "/en/consortia/",
    "/en/consortia/pl4se-plp/",
    "/en/people/karen-maguire/",
    "/en/events/",
    "/en/events/mainstreaming-the-sse-2021/",
    "/en/events/mainstreaming-the-sse-2021/report/",
    "/en/themes/",
    "/en/themes/building-better-enabling-ecosystems/",
    "/en/sdgs/",
    "/en/sdgs/17/",
    "/en/people/",
    "/en/organisations/",
    "/en/privacy/",
    "/en/findings/",
    "/en/findings/?q=legal+frameworks&sdg=16",
    "/en/findings/pl4se-advanced-legal-frameworks/",
    "/en/accounts/login/",
    "/en/accounts/password_reset/",
    "/no-such-page/",
]
MEMBER_PAGES = [
    "/en/me/",
    "/en/me/findings/new/?consortium=sim",
    "/en/me/findings/sim-investors-and-sdg-reporting/",
    "/en/me/tokens/",
    "/en/me/two-factor/",
    "/en/me/privacy/",
    "/en/accounts/password_change/",
]
# Every violation Chromium sees is reported on the console, where the test collects it.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI} `
    + `at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Visitor:
    """A browser tab that remembers, per address, the violations and script errors it saw and
    whether the answer carried the policy."""

    def __init__(self, browser, base: str):
        context = browser.new_context()
        context.add_init_script(REPORT_VIOLATIONS)
        self.page = context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _console(self, message):
        if message.type == "error" and (
            "CSP violation" in message.text or "Content Security Policy" in message.text
        ):
            self.problems.append(message.text)

    def visit(self, path: str, wait_for: str | None = None) -> list[str]:
        self.problems = []
        response = self.page.goto(f"{self.base}{path}")
        if "content-security-policy" not in response.headers:
            self.problems.append("no Content-Security-Policy header")
        if wait_for:
            self.page.wait_for_selector(wait_for)
        self.page.wait_for_load_state("networkidle")
        return self.problems

    def log_in(self, username: str, admin: bool = False):
        user = get_user_model().objects.get(username=username)
        # Staff set up their authenticator app at an earlier sign-in; now they type its code.
        device = confirmed_app(user) if user.is_staff else None
        self.page.goto(f"{self.base}{'/admin/login/' if admin else '/en/accounts/login/'}")
        self.page.locator("#id_username").fill(username)
        self.page.locator("#id_password").fill(PASSWORD)
        self.page.locator("#id_password").press("Enter")
        self.page.wait_for_load_state("networkidle")
        if device is not None:
            self.page.get_by_label("Code from your authenticator app").fill(app_code(device))
            self.page.get_by_role("button", name="Sign in").click()
            self.page.wait_for_load_state("networkidle")


def test_public_pages_run_under_the_policy(live_server, transactional_db, demo, browser):
    visitor = Visitor(browser, live_server.url)

    found = {path: visitor.visit(path) for path in PUBLIC_PAGES}

    assert found == {path: [] for path in PUBLIC_PAGES}


def test_the_members_workplace_runs_under_the_policy(live_server, transactional_db, demo, browser):
    visitor = Visitor(browser, live_server.url)
    visitor.log_in("member-sim")

    found = {path: visitor.visit(path) for path in MEMBER_PAGES}

    assert found == {path: [] for path in MEMBER_PAGES}


def test_the_admin_runs_under_the_policy(live_server, transactional_db, demo, browser):
    finding = Finding.objects.get(slug="pl4se-advanced-legal-frameworks")
    submitted = Finding.objects.filter(status=FindingStatus.SUBMITTED).first()
    admin_pages = [
        "/admin/",
        "/admin/findings/finding/",
        "/admin/findings/finding/?status__exact=published&q=legal",
        f"/admin/findings/finding/{finding.pk}/change/",
        f"/admin/findings/finding/{finding.pk}/history/",
        "/admin/findings/submittedfinding/",
        f"/admin/findings/submittedfinding/{submitted.pk}/change/",
        "/admin/events/event/add/",
        "/admin/consortia/consortium/add/",
        "/admin/consortia/consortiumaccess/",
    ]
    visitor = Visitor(browser, live_server.url)
    visitor.log_in("curator", admin=True)

    found = {path: visitor.visit(path) for path in admin_pages}

    assert found == {path: [] for path in admin_pages}
    # The admin's own scripts ran: the event form's autocomplete boxes (select2) and its
    # sessions' "Add another" link are there.
    visitor.visit("/admin/events/event/add/")
    assert visitor.page.locator(".select2-container").count() > 0
    assert visitor.page.locator("#sessions-group .add-row").count() == 1


def test_the_api_docs_run_under_the_policy(live_server, transactional_db, demo, browser):
    visitor = Visitor(browser, live_server.url)

    problems = visitor.visit("/api/docs/", wait_for=".opblock")

    assert problems == []
    assert visitor.page.locator(".opblock").count() > 20
    assert visitor.page.url == f"{live_server.url}/api/docs/"
    visitor.visit("/api/redoc/")
    assert visitor.page.url == f"{live_server.url}/api/docs/"


# What Swagger UI does when a signed-in member presses "Execute" on a write: its request
# interceptor adds the CSRF token, read from the cookie.
WRITE_FROM_THE_DOCS = """
async (withToken) => {
  let request = {
    url: "/api/v1/tokens/", method: "POST", credentials: "same-origin",
    headers: {"Content-Type": "application/json"}, body: JSON.stringify({name: "from the docs"}),
  };
  if (withToken) {
    request = requestInterceptor(request);
  }
  const response = await fetch(request.url, request);
  return response.status;
}
"""


def test_a_signed_in_member_writes_from_the_docs(live_server, transactional_db, demo, browser):
    visitor = Visitor(browser, live_server.url)
    visitor.log_in("member-sim")
    visitor.visit("/api/docs/", wait_for=".opblock")

    refused = visitor.page.evaluate(WRITE_FROM_THE_DOCS, False)
    written = visitor.page.evaluate(WRITE_FROM_THE_DOCS, True)

    assert (refused, written) == (403, 201)
