"""The site and the API answer the same about which findings the public sees.

One finding in each of the states that matter (draft, submitted, rejected, published,
withdrawn), all of one consortium, on one theme and SDG, presented at one event. Every public
page that has an API twin must show exactly the findings its twin returns, and both must be
the set findings.workflow defines: lists hold the LISTED states, detail pages and API details
answer for the PUBLIC states.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import Resolver404, resolve
from rest_framework.test import APIClient

from events.enums import SessionKind
from findings.enums import FindingStatus
from findings.workflow import LISTED_STATES, PUBLIC_STATES
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    KeyPointFactory,
    PublishedFindingFactory,
    SessionFactory,
    ThemeFactory,
    sdg,
)

STATES = [
    FindingStatus.DRAFT,
    FindingStatus.SUBMITTED,
    FindingStatus.REJECTED,
    FindingStatus.PUBLISHED,
    FindingStatus.WITHDRAWN,
]
LISTED = {"published"}
PUBLIC = {"published", "withdrawn"}
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture(autouse=True)
def fresh_throttles():
    # The anonymous API rate limit counts in the cache: start every test with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def one_finding_per_state(db):
    """Findings whose slug is their state, all linked to every place a finding appears."""
    theme = ThemeFactory(name="Legal frameworks", slug="legal-frameworks")
    consortium = ConsortiumFactory(short_name="SILK", slug="silk")
    findings = []
    for state in STATES:
        was_published = state in (FindingStatus.PUBLISHED, FindingStatus.WITHDRAWN)
        factory = PublishedFindingFactory if was_published else FindingFactory
        findings.append(
            factory(
                consortium=consortium,
                status=state,
                slug=state.value,
                title=f"The {state.label.lower()} finding",
                themes=[theme],
                sdgs=[sdg(8)],
                countries=["ES"],
            )
        )
    event = EventFactory(slug="encuentro-2021")
    contribution = ContributionFactory(session=SessionFactory(event=event), consortium=consortium)
    contribution.findings.set(findings)
    breakout = BreakoutFactory(
        session=SessionFactory(event=event, kind=SessionKind.BREAKOUTS), theme=theme
    )
    breakout.findings.set(findings)
    KeyPointFactory(breakout=breakout).findings.set(findings)


def page_finding_slugs(client, url: str) -> set[str]:
    """The findings a page links to (its cards, its programme's lists)."""
    response = client.get(url)
    assert response.status_code == 200, url
    slugs = set()
    for href in HREF.findall(response.content.decode()):
        try:
            match = resolve(urlsplit(href).path)
        except Resolver404:
            continue
        if match.view_name == "findings:finding_detail":
            slugs.add(match.kwargs["slug"])
    return slugs


def api_list_slugs(api, query: str = "") -> set[str]:
    response = api.get(f"/api/v1/findings/?{query}")
    assert response.status_code == 200, query
    assert response.json()["next"] is None  # the whole set is on one page
    return {finding["slug"] for finding in response.json()["results"]}


def test_the_expected_sets_are_the_workflows_definitions():
    assert {str(state) for state in LISTED_STATES} == LISTED
    assert {str(state) for state in PUBLIC_STATES} == PUBLIC


@pytest.mark.parametrize(
    ("page_query", "api_query"),
    [
        ("", ""),
        ("q=finding", "search=finding"),
        ("theme=legal-frameworks", "theme=legal-frameworks"),
        ("sdg=8", "sdg=8"),
        ("consortium=silk", "consortium=silk"),
        ("country=ES", "country=ES"),
    ],
)
def test_finding_list_page_and_api_list_the_same_findings(
    client, api, one_finding_per_state, page_query, api_query
):
    on_page = page_finding_slugs(client, f"/en/findings/?{page_query}")
    in_api = api_list_slugs(api, api_query)

    assert on_page == in_api == LISTED


def test_finding_detail_page_and_api_detail_answer_for_the_same_findings(
    client, api, one_finding_per_state
):
    with_page = {s for s in map(str, STATES) if client.get(f"/en/findings/{s}/").status_code == 200}
    in_api = {s for s in map(str, STATES) if api.get(f"/api/v1/findings/{s}/").status_code == 200}

    assert with_page == in_api == PUBLIC


def test_withdrawn_finding_is_marked_withdrawn_on_its_page_and_in_the_api(
    client, api, one_finding_per_state
):
    page = client.get("/en/findings/withdrawn/").content.decode()
    detail = api.get("/api/v1/findings/withdrawn/").json()

    assert '<div class="banner banner--withdrawn" role="note">' in page
    assert (detail["status"], detail["withdrawn"]) == ("withdrawn", True)


def test_event_page_and_event_api_list_the_same_findings(client, api, one_finding_per_state):
    on_page = page_finding_slugs(client, "/en/events/encuentro-2021/")
    programme = api.get("/api/v1/events/encuentro-2021/").json()
    in_api = set()
    for session in programme["sessions"]:
        for contribution in session["contributions"]:
            in_api.update(contribution["findings"])
        for breakout in session["breakouts"]:
            in_api.update(breakout["findings"])
            for key_point in breakout["key_points"]:
                in_api.update(key_point["findings"])

    assert on_page == in_api == LISTED


def test_consortium_page_and_its_api_findings_are_the_same(client, api, one_finding_per_state):
    # The consortium's API detail names no findings: its twin is the list filtered by it.
    on_page = page_finding_slugs(client, "/en/consortia/silk/")
    in_api = api_list_slugs(api, "consortium=silk")

    assert on_page == in_api == LISTED


def test_theme_page_and_theme_api_show_the_same_findings(client, api, one_finding_per_state):
    on_page = page_finding_slugs(client, "/en/themes/legal-frameworks/")
    in_api = api_list_slugs(api, "theme=legal-frameworks")
    counted_on_list_page = {
        theme.slug: theme.published_count for theme in client.get("/en/themes/").context["themes"]
    }["legal-frameworks"]
    counted_in_api = api.get("/api/v1/themes/legal-frameworks/").json()["finding_count"]

    assert on_page == in_api == LISTED
    assert counted_on_list_page == counted_in_api == len(LISTED)


def test_sdg_page_and_sdg_api_show_the_same_findings(client, api, one_finding_per_state):
    on_page = page_finding_slugs(client, "/en/sdgs/8/")
    in_api = api_list_slugs(api, "sdg=8")
    counted_in_api = api.get("/api/v1/sdgs/8/").json()["finding_count"]

    assert on_page == in_api == LISTED
    assert counted_in_api == len(LISTED)
