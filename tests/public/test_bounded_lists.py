"""Lists that would grow with the programme show a bounded part and say where the rest is."""

import pytest

from events import selectors as event_selectors
from plp_portal import pagination
from tests.factories import (
    ConsortiumFactory,
    ContributionFactory,
    PersonFactory,
    PublishedFindingFactory,
    sdg,
)


def test_consortium_page_shows_its_latest_six_findings_and_links_to_all(client, db):
    consortium = ConsortiumFactory(short_name="SILK", slug="silk")
    PublishedFindingFactory.create_batch(8, consortium=consortium)

    response = client.get("/en/consortia/silk/")

    assert len(response.context["published_findings"].findings) == 6
    html = response.content.decode()
    assert '<a href="/en/findings/?consortium=silk">2 more — see all</a>' in html
    assert "See all 8 published findings" in html


def test_sdg_pages_stop_at_the_result_limit_with_a_404_that_says_why(client, db, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_RESULTS", 40)
    PublishedFindingFactory.create_batch(45, sdgs=[sdg(8)])

    last = client.get("/en/sdgs/8/?page=2")
    beyond = client.get("/en/sdgs/8/?page=3")

    assert last.status_code == 200
    assert last.context["paginator"].num_pages == 2
    assert "The pages stop here" in last.content.decode()
    assert beyond.status_code == 404
    assert "Pages stop after 40 results: narrow the list with filters." in beyond.content.decode()
    assert '<a href="/en/findings/?sdg=8">' in beyond.content.decode()


@pytest.mark.parametrize("page", ["2", "x"])
def test_consortia_list_pages_past_the_end_are_404(client, db, page):
    ConsortiumFactory()

    assert client.get(f"/en/consortia/?page={page}").status_code == 404


def test_person_page_lists_the_latest_appearances_and_says_when_it_stops(
    client, db, monkeypatch, settings
):
    settings.PLP_PAGE_CACHE = False  # the same page is read twice, with different limits
    monkeypatch.setattr(event_selectors, "APPEARANCES_LIMIT", 2)
    person = PersonFactory(slug="ana")
    for _ in range(3):
        ContributionFactory(person=person)

    cut = client.get("/en/people/ana/")
    assert len(cut.context["appearances"].contributions) == 2
    assert (
        "Only the latest 2 appearances of each kind are listed: the event pages hold the others."
        in cut.content.decode()
    )

    monkeypatch.setattr(event_selectors, "APPEARANCES_LIMIT", 3)
    whole = client.get("/en/people/ana/")
    assert len(whole.context["appearances"].contributions) == 3
    assert "Only the latest" not in whole.content.decode()
