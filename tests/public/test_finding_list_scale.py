"""The findings list at scale: leading facet values and "see all", the deep-page cap, the
search length cap, related findings, and a fixed number of queries whatever the size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from consortia.models import Consortium
from findings import pagination
from findings.enums import FindingStatus
from findings.models import Finding
from findings.selectors import related_findings
from tests.factories import ConsortiumFactory, PublishedFindingFactory, ThemeFactory, sdg

LIST_URL = reverse("findings:finding_list")


def bulk_findings(number: int, *, consortia: list[Consortium]) -> None:
    """`number` published findings, spread over `consortia`, with a theme and an SDG each,
    in three inserts."""
    findings = Finding.objects.bulk_create(
        Finding(
            consortium=consortia[n % len(consortia)],
            title=f"Finding {n:04}",
            slug=f"finding-{n:04}",
            summary="Cooperative housing.",
            countries=["FR"],
            status=FindingStatus.PUBLISHED,
            published_at="2022-01-01T12:00:00Z",
        )
        for n in range(number)
    )
    theme, goal = ThemeFactory(), sdg(8)
    Finding.themes.through.objects.bulk_create(
        Finding.themes.through(finding_id=finding.pk, theme_id=theme.pk) for finding in findings
    )
    Finding.sdgs.through.objects.bulk_create(
        Finding.sdgs.through(finding_id=finding.pk, sdg_id=goal.pk) for finding in findings
    )


def test_a_facet_with_many_values_shows_the_ten_leading_and_a_link_to_see_all(client, db):
    consortia = [ConsortiumFactory(slug=f"c{n:02}") for n in range(14)]
    for n, consortium in enumerate(consortia):
        for _ in range(1 + n % 3):
            PublishedFindingFactory(consortium=consortium)

    response = client.get(LIST_URL, {"consortium": "c00"})
    html = response.content.decode()

    facet = response.context["facets"]["consortium"]
    assert len(facet.items) == 11  # the selected one and ten others
    assert facet.items[0].value == "c00" and facet.items[0].selected
    assert facet.hidden == 3
    assert (
        'href="?consortium=c00&amp;facet_all=consortium#facet-consortium">See all (3 more)' in html
    )

    everything = client.get(LIST_URL, {"consortium": "c00", "facet_all": "consortium"})

    assert len(everything.context["facets"]["consortium"].items) == 14
    assert ">Show fewer<" in everything.content.decode()


def test_pages_beyond_the_cap_answer_404_asking_to_refine(client, db, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGED_RESULTS", 40)
    bulk_findings(50, consortia=[ConsortiumFactory()])

    last = client.get(LIST_URL, {"page": 2})
    beyond = client.get(LIST_URL, {"page": 3})

    assert last.status_code == 200
    assert last.context["paginator"].count == 50  # the count stays exact
    assert "Page 2 of 2" in last.content.decode()
    assert beyond.status_code == 404
    assert "There is no such page of these results." in beyond.content.decode()


def test_a_search_over_200_characters_is_refused_with_a_message(client, db):
    PublishedFindingFactory(title="Cooperative housing")

    response = client.get(LIST_URL, {"q": "housing " * 30})

    assert response.status_code == 400
    assert "Search for at most 200 characters" in response.content.decode()
    assert [f.title for f in response.context["findings"]] == ["Cooperative housing"]


def test_related_findings_share_most_themes_and_sdgs_newest_first_published_only(db):
    legal, cities = ThemeFactory(), ThemeFactory()
    finding = PublishedFindingFactory(themes=[legal, cities], sdgs=[sdg(8)])
    PublishedFindingFactory(title="one old", themes=[legal], published_at="2020-01-01T00:00Z")
    PublishedFindingFactory(title="one new", themes=[cities], published_at="2023-01-01T00:00Z")
    PublishedFindingFactory(title="three", themes=[legal, cities], sdgs=[sdg(8)],
                            published_at="2019-01-01T00:00Z")  # fmt: skip
    PublishedFindingFactory(title="two", themes=[legal], sdgs=[sdg(8)],
                            published_at="2019-01-01T00:00Z")  # fmt: skip
    PublishedFindingFactory(title="none", published_at="2024-01-01T00:00Z")
    PublishedFindingFactory(title="withdrawn", themes=[legal, cities], sdgs=[sdg(8)],
                            status=FindingStatus.WITHDRAWN)  # fmt: skip

    related = related_findings(finding)

    assert [f.title for f in related] == ["three", "two", "one new", "one old"]


@pytest.mark.parametrize("query", ["", "?consortium=c0&consortium=c1&country=FR"])
def test_the_list_runs_a_fixed_number_of_queries_at_30_and_300_findings(
    client, db, query, django_assert_num_queries, settings
):
    settings.PLP_PAGE_CACHE = False  # the view's own queries, with its counts cached or not
    consortia = [ConsortiumFactory(slug=f"c{n}") for n in range(3)]
    selected = 2 if query else 0
    # Counting on PostgreSQL: unfiltered, the kept counts and the findings near a new year;
    # filtered, one query for every facet. On SQLite: themes, SDGs, the claim's levers,
    # levels, evidence and SDG targets, and the rows for the rest.
    # +1 per facet with a selection; +1 for the contested findings' count; then 3 labels, and
    # the rows with 2 prefetches.
    counting = (1 if query else 2) if connection.vendor == "postgresql" else 7
    cold = counting + selected + 1 + 3 + 3
    validation = 1 if query else 0  # the consortium slugs
    warm = validation  # counts, labels and the rendered list (its rows) come from the cache

    for size in (30, 300):
        Finding.objects.all().delete()
        bulk_findings(size, consortia=consortia)
        cache.clear()
        with django_assert_num_queries(validation + cold):
            first = client.get(LIST_URL + query)
        with django_assert_num_queries(warm):
            again = client.get(LIST_URL + query)
        assert first.context["paginator"].count == again.context["paginator"].count
        assert first.context["paginator"].count == (size * 2 // 3 if query else size)
