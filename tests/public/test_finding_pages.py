import datetime as dt
import re

import pytest
from django.urls import reverse

from findings.enums import FindingStatus
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    PublishedFindingFactory,
    SessionFactory,
    SourceFactory,
    ThemeFactory,
    sdg,
)
from tests.public.conftest import UNPUBLISHED

LIST_URL = reverse("findings:finding_list")


def titles(response) -> list[str]:
    return [finding.title for finding in response.context["findings"]]


def facet(response, name) -> dict[str, int]:
    return {item.value: item.count for item in response.context["facets"][name].items}


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_finding_detail_of_unpublished_finding_is_404(client, db, status):
    finding = FindingFactory(status=status)

    response = client.get(finding.get_absolute_url())

    assert response.status_code == 404


@pytest.mark.parametrize("status", UNPUBLISHED + [FindingStatus.WITHDRAWN])
def test_finding_list_leaves_out_findings_that_are_not_published(client, db, status):
    PublishedFindingFactory(title="Cities convene the SSE")
    FindingFactory(status=status, title="Hidden finding")

    response = client.get(LIST_URL)

    assert titles(response) == ["Cities convene the SSE"]
    assert b"Hidden finding" not in response.content


def test_finding_detail_shows_summary_body_links_and_citation(client, published_finding):
    SourceFactory(finding=published_finding, label="CEPES white paper")

    response = client.get(published_finding.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Many legal entities, one set of values · PLP Portal</title>" in html
    assert (
        '<meta name="description" content="Advanced legal frameworks recognise the values the '
        'SSE shares.">'
    ) in html
    assert "Tailored <strong>support programmes</strong> are part" in html
    assert '<a class="tag" href="/en/themes/legal-frameworks/">Legal frameworks</a>' in html
    assert 'href="/en/sdgs/8/"' in html
    assert "Brazil, Spain" in html
    assert (
        '<a href="https://example.org/white-paper.pdf" rel="noopener">CEPES white paper</a>' in html
    )
    assert (
        '<p class="cite__text" id="citation-text">PL4SE-PLP. (2021). <i>Many legal entities, one '
        "set of values</i>. PLP Portal. http://testserver/en/findings/many-legal-entities/</p>"
    ) in html
    assert 'aria-label="Breadcrumb"' in html
    assert "Withdrawn." not in html


def test_finding_detail_of_withdrawn_finding_keeps_its_page_marked_withdrawn(
    client, published_finding
):
    published_finding.status = FindingStatus.WITHDRAWN
    published_finding.save()

    response = client.get(published_finding.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="banner banner--withdrawn" role="note">' in html
    assert "http://testserver/en/findings/many-legal-entities/ Withdrawn.</p>" in html


def test_withdrawn_finding_leaves_list_facets_and_search(client, published_finding):
    published_finding.status = FindingStatus.WITHDRAWN
    published_finding.save()

    response = client.get(LIST_URL, {"q": "legal"})

    assert titles(response) == []
    assert facet(response, "theme") == {}
    assert facet(client.get(LIST_URL), "consortium") == {}


def test_finding_detail_strips_scripts_and_javascript_links_from_body(client, db):
    finding = PublishedFindingFactory(
        body="Safe text <script>alert('x')</script> [bad](javascript:alert(1))"
    )

    html = client.get(finding.get_absolute_url()).content.decode()

    assert "alert(" not in html
    assert '<a rel="noopener noreferrer">bad</a>' in html


def test_finding_detail_lists_related_findings_sharing_themes_or_sdgs(client, db):
    theme = ThemeFactory()
    finding = PublishedFindingFactory(themes=[theme], sdgs=[sdg(8)])
    PublishedFindingFactory(title="Same theme and goal", themes=[theme], sdgs=[sdg(8)])
    PublishedFindingFactory(title="Same goal", sdgs=[sdg(8)])
    PublishedFindingFactory(title="Unrelated", sdgs=[sdg(1)])
    FindingFactory(title="Draft on the theme", themes=[theme])

    response = client.get(finding.get_absolute_url())

    assert [f.title for f in response.context["related_findings"]] == [
        "Same theme and goal",
        "Same goal",
    ]


def test_finding_detail_shows_where_it_was_presented_at_published_events_only(client, db):
    finding = PublishedFindingFactory()
    shown = ContributionFactory(session=SessionFactory(title="What did we learn?"))
    shown.findings.set([finding])
    hidden = ContributionFactory(
        session=SessionFactory(title="Secret rehearsal", event=EventFactory(status="draft"))
    )
    hidden.findings.set([finding])
    BreakoutFactory(title="Measuring impact").findings.set([finding])

    html = client.get(finding.get_absolute_url()).content.decode()

    assert "What did we learn?" in html
    assert "discussed in the breakout “Measuring impact”</li>" in html
    assert "Secret rehearsal" not in html


def test_finding_detail_of_unknown_slug_is_404(client, db):
    assert client.get("/en/findings/no-such-finding/").status_code == 404


@pytest.fixture
def catalogue(db):
    """Findings over two consortia, two themes, two goals, three countries and two years."""
    legal, cities = ThemeFactory(slug="legal"), ThemeFactory(slug="cities")
    silk, rrr = ConsortiumFactory(slug="silk"), ConsortiumFactory(slug="rrr")
    y2021 = dt.datetime(2021, 12, 2, 12, tzinfo=dt.UTC)
    y2022 = dt.datetime(2022, 3, 1, 12, tzinfo=dt.UTC)
    PublishedFindingFactory(
        title="A", consortium=silk, themes=[legal], sdgs=[sdg(8)], countries=["FR"],
        published_at=y2021,
    )  # fmt: skip
    PublishedFindingFactory(
        title="B", consortium=silk, themes=[cities], sdgs=[sdg(11)], countries=["ES", "FR"],
        published_at=y2022,
    )  # fmt: skip
    PublishedFindingFactory(
        title="C", consortium=rrr, themes=[legal, cities], sdgs=[sdg(8), sdg(11)],
        countries=["IT"], published_at=y2022,
    )  # fmt: skip
    FindingFactory(title="Draft", consortium=rrr, themes=[legal], sdgs=[sdg(8)])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["B", "C", "A"]),
        ({"theme": "legal"}, ["C", "A"]),
        ({"sdg": "11"}, ["B", "C"]),
        ({"consortium": "silk"}, ["B", "A"]),
        ({"country": "FR"}, ["B", "A"]),
        ({"year": "2021"}, ["A"]),
        ({"theme": "legal", "consortium": "rrr"}, ["C"]),
        ({"theme": "cities", "sdg": "11", "country": "ES"}, ["B"]),
        ({"consortium": "rrr", "year": "2021"}, []),
        ({"sort": "title"}, ["A", "B", "C"]),
        ({"sort": "oldest"}, ["A", "B", "C"]),
    ],
)
def test_finding_list_filters_combine(client, catalogue, params, expected):
    response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert titles(response) == expected


def test_finding_list_facets_count_the_current_result(client, catalogue):
    response = client.get(LIST_URL, {"consortium": "silk"})

    assert facet(response, "theme") == {"legal": 1, "cities": 1}
    assert facet(response, "sdg") == {"8": 1, "11": 1}
    # A selected value has no count; another consortium says how many findings it adds.
    assert facet(response, "consortium") == {"silk": None, "rrr": 1}
    assert facet(response, "country") == {"FR": 2, "ES": 1}
    assert facet(response, "year") == {"2022": 1, "2021": 1}


def test_finding_list_facets_without_filters_count_published_findings_only(client, catalogue):
    response = client.get(LIST_URL)

    assert facet(response, "theme") == {"legal": 2, "cities": 2}
    assert facet(response, "country") == {"ES": 1, "FR": 2, "IT": 1}


def test_finding_list_facet_links_keep_other_filters_and_drop_the_page(client, catalogue):
    html = client.get(LIST_URL, {"theme": "legal", "q": "", "page": "1"}).content.decode()

    assert 'href="?theme=legal&amp;q=&amp;consortium=silk"' in html
    assert '<a class="facet__item is-active" href="?q="' in html


def test_finding_list_with_unknown_theme_explains_and_answers_400(client, catalogue):
    response = client.get(LIST_URL, {"theme": "no-such-theme", "consortium": "silk"})

    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()
    assert titles(response) == ["B", "A"]


def test_finding_list_paginates_twenty_a_page_and_keeps_filters_in_links(client, db):
    theme = ThemeFactory(slug="legal")
    for number in range(25):
        PublishedFindingFactory(title=f"Finding {number:02}", themes=[theme])

    first = client.get(LIST_URL, {"theme": "legal", "sort": "title"})
    second = client.get(LIST_URL, {"theme": "legal", "sort": "title", "page": "2"})

    assert len(first.context["findings"]) == 20
    assert titles(second) == [f"Finding {n}" for n in range(20, 25)]
    assert 'href="?theme=legal&amp;sort=title&amp;page=2" rel="next"' in first.content.decode()
    assert client.get(LIST_URL, {"page": "9"}).status_code == 404


def test_finding_list_search_finds_words_in_title_summary_and_body(client, db):
    PublishedFindingFactory(title="Legal frameworks", summary="x", body="")
    PublishedFindingFactory(title="Summary match", summary="Shaped by legal entities.", body="")
    PublishedFindingFactory(title="Body match", summary="y", body="The legal ecosystem.")
    PublishedFindingFactory(title="No match", summary="Cities convene.", body="")

    response = client.get(LIST_URL, {"q": "legal"})
    from_form = client.get(LIST_URL, {"q": "legal", "sort": "relevance"})

    assert titles(response) == ["Legal frameworks", "Summary match", "Body match"]
    assert titles(from_form) == ["Legal frameworks", "Summary match", "Body match"]
    assert '<option value="relevance" selected>Best match</option>' in response.content.decode()


def test_finding_list_search_combines_with_filters(client, catalogue):
    response = client.get(LIST_URL, {"q": "Finding", "consortium": "rrr"})

    assert titles(response) == []
    response = client.get(LIST_URL, {"q": "platforms", "consortium": "silk"})
    assert titles(response) == ["B", "A"]


def test_finding_list_search_highlights_the_matching_words(client, db):
    PublishedFindingFactory(
        summary="Cities convene the social economy.", body="Municipal platforms <b>work</b>."
    )

    html = client.get(LIST_URL, {"q": "municipal"}).content.decode()

    snippet = re.search(r'<p class="card__snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>Municipal</mark>" in snippet
    assert "<b>" not in snippet  # escaped (SQLite) or dropped by ts_headline (PostgreSQL)


def test_finding_list_search_for_a_quoted_phrase(client, db):
    PublishedFindingFactory(title="Stakeholder engagement matters", summary="s", body="")
    PublishedFindingFactory(title="Engagement of every stakeholder", summary="s", body="")

    response = client.get(LIST_URL, {"q": '"stakeholder engagement"'})

    assert titles(response) == ["Stakeholder engagement matters"]


def test_sdg_page_lists_published_findings_linked_to_the_goal(client, catalogue):
    response = client.get(reverse("findings:sdg_detail", args=[11]))

    html = response.content.decode()
    assert titles(response) == ["B", "C"]
    assert "<title>SDG 11: Sustainable Cities and Communities · PLP Portal</title>" in html


@pytest.mark.parametrize("number", [0, 18])
def test_sdg_page_of_unknown_goal_is_404(client, db, number):
    assert client.get(f"/en/sdgs/{number}/").status_code == 404
