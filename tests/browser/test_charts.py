"""The charts as a browser draws them, on a 320 px phone and a desktop: every label inside its
chart, nothing wider than the screen, no axe violation with the tables open; screenshots of
each page are saved in tests/artifacts/ (git-ignored) to look at."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils.text import slugify

from consortia.enums import MembershipRole
from tests.factories import (
    ConsortiumFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedFindingFactory,
    ThemeFactory,
    sdg,
)

pytestmark = pytest.mark.browser

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
VIEWPORTS = {"320": {"width": 320, "height": 800}, "desktop": {"width": 1280, "height": 900}}
PAGES = {
    "home": "/en/",
    "themes": "/en/themes/",
    "sdgs": "/en/sdgs/",
    "consortium": "/en/consortia/silk/",
    "theme": "/en/themes/legal-frameworks/",
    "sdg": "/en/sdgs/8/",
}
COUNTRIES = ["FR", "ES", "BE", "IT", "DE", "PT", "BR", "CA", "US", "MX", "IE", "AT", "PL", "NL"]

# Every label's right edge and the chart's, and the page's width against the window's.
MEASURE = """() => {
  const outside = [];
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const edge = text.getBoundingClientRect();
      if (edge.width && (edge.right > box.right + 1 || edge.left < box.left - 1)) {
        outside.push(text.textContent.trim());
      }
    }
  }
  return {outside, scroll: document.documentElement.scrollWidth, window: window.innerWidth};
}"""


@pytest.fixture
def charted(transactional_db):
    """Seven consortia publishing over five years on long-named themes and several goals, with
    partner organisations in fourteen countries, some in two consortia."""
    themes = [
        ThemeFactory(name="Building better-enabling ecosystems to support the social economy"),
        ThemeFactory(name="Legal frameworks", slug="legal-frameworks"),
        ThemeFactory(name="Social impact measurement"),
    ]
    consortia = [
        ConsortiumFactory(short_name=name, slug=slugify(name))
        for name in ("Respond, Rebuild and Reinvent", "SILK", "SIM", "Social Value", "PL4SE-PLP")
        + ("ImpactHub consortium", "Alone")
    ]
    organisations = [OrganisationFactory(country=code) for code in COUNTRIES]
    for index, consortium in enumerate(consortia[:-1]):
        for offset, organisation in enumerate(organisations[index : index + 4]):
            role = MembershipRole.LEAD if offset == 0 else MembershipRole.PARTNER
            MembershipFactory(consortium=consortium, organisation=organisation, role=role)
        for year in range(2019, 2024):
            for _ in range((index + year) % 4):
                PublishedFindingFactory(
                    consortium=consortium,
                    themes=[themes[(index + year) % 3]],
                    sdgs=[sdg(8), sdg(11 + index % 7)],
                    published_at=dt.datetime(year, 5, 1, tzinfo=dt.UTC),
                )
    MembershipFactory(consortium=consortia[-1])
    return consortia


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_charts_fit_the_screen_pass_axe_and_are_photographed(
    live_server, charted, browser, artifacts, viewport
):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    found = {}
    for name, path in PAGES.items():
        response = page.goto(f"{live_server.url}{path}")
        assert (path, response.status) == (path, 200)
        for summary in page.locator("figure.chart summary").all():
            summary.click()
        measured = page.evaluate(MEASURE)
        violations = Axe().run(page, options=WCAG_22_AA).response["violations"]
        found[name] = (
            measured["outside"],
            measured["scroll"] <= measured["window"],
            [(v["id"], len(v["nodes"])) for v in violations],
        )
        page.screenshot(path=artifacts / f"charts-{name}-{viewport}.png", full_page=True)
        for figure in page.locator("figure.chart").all():
            shot = artifacts / f"charts-{name}-{viewport}-{figure.get_attribute('id')}.png"
            figure.screenshot(path=shot)

    assert found == {name: ([], True, []) for name in PAGES}
