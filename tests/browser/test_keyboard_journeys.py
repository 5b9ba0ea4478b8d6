"""The main journeys made with the keyboard alone (Tab, Enter, Space), at 320 px: a visitor
searches, filters, pages, opens a finding, reads its citation and switches language; a member
drafts a finding, gets an error, fixes it and submits it.

At every focus step the focused element shows a focus indicator and is not covered by other
content (WCAG 2.4.7, 2.4.11); on every page visited, every control is at least 24 by 24 CSS
pixels or spaced as WCAG 2.5.8 allows, at 320 px and at a desktop width, and nothing scrolls
sideways at 320 px (1.4.10).
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, NARROW

pytestmark = pytest.mark.browser

MAX_TABS = 150  # more presses than any page visited has controls

# What the focused element looks like: None when fine, else what is wrong with it.
FOCUS_PROBLEM = """async () => {
  // The page scrolls smoothly to the focused element: judge where it comes to rest.
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  for (let still = 0, last = null, i = 0; still < 3 && i < 120; i++) {
    await frame();
    const now = scrollX + "," + scrollY;
    still = now === last ? still + 1 : 0;
    last = now;
  }
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing is focused";
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  if (!outlined && style.boxShadow === "none") return "no visible focus indicator";
  const box = el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (top && top !== el && !el.contains(top) && !top.contains(el)) {
    return "covered by " + top.outerHTML.slice(0, 80);
  }
  return null;
}"""

# Controls smaller than 24 x 24 px that are neither inline in a sentence nor spaced so that a
# 24 px circle on each touches no other control (the exceptions of WCAG 2.5.8).
SMALL_TARGETS = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary,"
    + " [tabindex]:not([tabindex='-1'])";
  const targets = [...document.querySelectorAll(selector)].map(el => {
    const box = el.getBoundingClientRect();
    return {el, box, x: box.left + box.width / 2, y: box.top + box.height / 2};
  }).filter(t => t.box.width > 0 && t.box.height > 0
                 && getComputedStyle(t.el).visibility !== "hidden"
                 && !t.el.closest("[aria-hidden=true]"));
  const small = t => t.box.width < 24 || t.box.height < 24;
  const inline = t => {
    if (t.el.tagName !== "A") return false;
    let block = t.el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) {
      block = block.parentElement;
    }
    return block.textContent.trim().length > t.el.textContent.trim().length;
  };
  const distanceToBox = (t, box) => Math.hypot(
    Math.max(box.left - t.x, 0, t.x - box.right), Math.max(box.top - t.y, 0, t.y - box.bottom));
  const spaced = t => targets.every(other => other === t || (small(other)
    ? Math.hypot(other.x - t.x, other.y - t.y) >= 24 : distanceToBox(t, other.box) >= 12));
  return targets.filter(t => small(t) && !inline(t) && !spaced(t)).map(t =>
    `${t.el.outerHTML.slice(0, 80)} is ${Math.round(t.box.width)}x${Math.round(t.box.height)}`);
}"""


class KeyboardUser:
    """Moves through pages with the keyboard only, checking each focus and each page."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []

    def check_page(self) -> None:
        page = self.page
        where = page.url
        if (width := page.evaluate("document.documentElement.scrollWidth")) > NARROW["width"]:
            self.problems.append(f"{where}: {width} px wide at 320 px")
        for viewport in (NARROW, DESKTOP):
            page.set_viewport_size(viewport)
            for small in page.evaluate(SMALL_TARGETS):
                self.problems.append(f"{where} at {viewport['width']} px: {small}")
        page.set_viewport_size(NARROW)

    def check_focus(self) -> None:
        if problem := self.page.evaluate(FOCUS_PROBLEM):
            focused = self.page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
            self.problems.append(f"{self.page.url}: {focused}: {problem}")

    def tab_to(self, selector: str) -> None:
        """Press Tab until the element matching `selector` has the focus (at once if it has
        it already: the sign-in page puts it on the first field)."""
        focused = "s => document.activeElement.matches(s)"
        if self.page.evaluate(focused, selector):
            return
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("document.activeElement === document.body"):
                continue  # past the last control, Chromium's own controls have the focus
            self.check_focus()
            if self.page.evaluate(focused, selector):
                return
        raise AssertionError(f"{self.page.url}: Tab never reaches {selector}")

    def tab_through_page(self) -> None:
        """Press Tab through every control of the page, back to the first."""
        self.page.keyboard.press("Tab")
        first = self.page.evaluate_handle("document.activeElement")
        for _ in range(MAX_TABS):
            self.check_focus()
            self.page.keyboard.press("Tab")
            if self.page.evaluate("first => document.activeElement === first", first):
                return
            if self.page.evaluate("document.activeElement === document.body"):
                return  # Chromium gives the focus to the browser's own controls past the end
        raise AssertionError(f"{self.page.url}: Tab did not come round in {MAX_TABS} presses")

    def follow(self, key: str = "Enter") -> None:
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.check_page()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def other_language(current: str) -> str | None:
    others = [code for code, _name in settings.LANGUAGES if code != current]
    return others[0] if others else None


def test_visitor_searches_filters_pages_opens_cites_and_switches_language_by_keyboard(
    live_server, transactional_db, demo_with_two_pages_of_sim, browser
):
    page = browser.new_page(viewport=NARROW)
    user = KeyboardUser(page)
    language = settings.LANGUAGE_CODE.split("-")[0]
    with translation.override(language):
        findings = reverse("findings:finding_list")
    page.goto(live_server.url + findings)
    user.check_page()

    user.tab_to(".skip-link")
    user.tab_to("input[type=search]")
    user.type("peer learning")
    user.follow()
    expect(page.locator(".results__count")).to_contain_text("21 findings")

    user.tab_to("#facet-consortium + ul a[href*='consortium=sim']")
    user.follow()
    expect(page.locator(".results__count")).to_contain_text("21 findings")

    user.tab_to(".pagination a[rel=next]")
    user.follow()
    expect(page.locator(".pagination [aria-current=page]")).to_contain_text("2")

    user.tab_to("main .card__title a")
    title = page.evaluate("document.activeElement.textContent.trim()")
    user.follow()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # The citation: text to copy, with the finding's permanent address; every control of
    # the page is reached on the way.
    user.tab_through_page()
    expect(page.locator(".cite__text")).to_contain_text("SIM. (")
    expect(page.locator(".cite__text")).to_contain_text(title)
    expect(page.locator(".cite__text")).to_contain_text(page.url)

    assert user.problems == [], "\n".join(user.problems)

    switchers = page.locator("nav[aria-label] a[hreflang]")
    target = other_language(language)
    if target is None or switchers.count() == 0:
        pytest.skip(
            "the language step needs a second language in settings.LANGUAGES and a switcher"
            " (nav[aria-label] a[hreflang]); this branch has neither yet"
        )
    user.tab_to(f"nav[aria-label] a[hreflang={target}]")
    user.follow()
    expect(page.locator("html")).to_have_attribute("lang", target)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert user.problems == [], "\n".join(user.problems)
    page.close()


def test_member_drafts_gets_an_error_fixes_it_and_submits_by_keyboard(
    live_server, transactional_db, demo, browser
):
    page = browser.new_page(viewport=NARROW)
    user = KeyboardUser(page)
    page.goto(live_server.url + reverse("login"))
    user.check_page()

    user.tab_to("#id_username")
    user.type("member-sim")
    user.tab_to("#id_password")
    user.type("demo-password-for-tests")
    user.follow()

    user.tab_to(f"main a[href^='{reverse('members:finding_create')}']")
    user.follow()
    user.tab_to("#id_title")
    user.type("What a keyboard can do")
    user.tab_to("button[value=save]")
    user.follow("Space")
    expect(page.locator("#id_summary_error")).to_have_text("Error: This field is required.")

    user.tab_to("#id_summary")
    user.type("Everything, when the focus can be seen.")
    user.tab_to("button[value=save]")
    user.follow("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("What a keyboard can do")

    user.tab_to("main form.stack button[type=submit]")
    user.follow()
    expect(page.locator("main")).to_contain_text("Submitted")

    assert user.problems == [], "\n".join(user.problems)
    page.close()
