"""Lists that cost the same at any size: a search lists its best matches up to a cap, deep
pages read their ids first, and the unfiltered facet counts are kept by triggers."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from findings import facets, search
from findings.enums import FindingStatus
from findings.models import Finding
from findings.search import ranked_matches, search_findings
from plp_portal import pagination as portal_pagination
from tests.factories import ConsortiumFactory, PublishedFindingFactory, ThemeFactory, sdg

LIST_URL = reverse("findings:finding_list")
START = dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC)


def published(title: str, summary: str = "Nothing to see.", days: int = 0, **kwargs):
    return PublishedFindingFactory(
        title=title,
        summary=summary,
        body="",
        published_at=START + dt.timedelta(days=days),
        **kwargs,
    )


@pytest.fixture
def housing(db):
    """Six findings on housing: the phrase in a title, the words in titles, the rest below."""
    return {
        "summary old": published("Report A", "Social housing in cities.", days=1),
        "summary new": published("Report B", "Social housing in towns.", days=5),
        "words": published("Housing of social economy actors", days=2),
        "phrase": published("Social housing cooperatives", days=0),
        "words new": published("Housing and social finance", days=6),
        "body": PublishedFindingFactory(
            title="Report C", summary="s", body="Social housing.", published_at=START
        ),
    }


def titles(ids: list[int]) -> list[str]:
    by_pk = Finding.objects.in_bulk(ids)
    return [by_pk[pk].title for pk in ids]


def test_a_search_ranks_the_title_phrase_then_title_words_then_the_rest(housing):
    ranked = ranked_matches(Finding.objects.published(), "social housing")

    assert titles(ranked.ids) == [
        "Social housing cooperatives",
        "Housing and social finance",
        "Housing of social economy actors",
        "Report B",
        "Report A",
        "Report C",
    ]
    assert ranked.more is False


def test_a_search_lists_its_best_matches_up_to_the_cap_and_says_there_are_more(
    housing, client, monkeypatch
):
    monkeypatch.setattr(search, "SEARCH_RESULTS_CAP", 4)

    response = client.get(LIST_URL, {"q": "social housing"})
    html = response.content.decode()

    assert [f.title for f in response.context["findings"]] == [
        "Social housing cooperatives",
        "Housing and social finance",
        "Housing of social economy actors",
        "Report B",
    ]
    assert ">4+ findings for “social housing”</h2>" in html
    assert "More findings match than the best 4 listed here" in html
    # The facets count the listed matches: the four, each with one consortium.
    assert sum(item.count for item in response.context["facets"]["consortium"].items) == 4


def test_a_search_within_the_cap_counts_exactly(housing, client, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_RESULTS_CAP", 6)

    response = client.get(LIST_URL, {"q": "social housing"})

    assert response.context["paginator"].count == 6
    assert "6 findings for “social housing”" in response.content.decode()
    assert "More findings match" not in response.content.decode()


def test_a_search_ranks_within_the_selected_facets(housing, client, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_RESULTS_CAP", 1)
    consortium = housing["summary old"].consortium

    response = client.get(LIST_URL, {"q": "social housing", "consortium": consortium.slug})

    assert [f.title for f in response.context["findings"]] == ["Report A"]
    assert response.context["paginator"].count == 1


def test_the_api_search_lists_the_same_best_matches(housing, client, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_RESULTS_CAP", 3)

    response = client.get("/api/v1/findings/", {"search": "social housing"})

    assert [item["title"] for item in response.json()["results"]] == [
        "Social housing cooperatives",
        "Housing and social finance",
        "Housing of social economy actors",
    ]
    assert response.json()["count"] == 3


def test_search_findings_keeps_other_filters_of_the_queryset(housing):
    only_new = Finding.objects.published().filter(published_at__gte=START + dt.timedelta(days=3))

    found = search_findings(only_new, "social housing").values_list("title", flat=True)

    assert list(found) == ["Housing and social finance", "Report B"]


@pytest.mark.parametrize("sort", ["newest", "oldest", "title"])
def test_deep_pages_read_ids_first_and_give_the_rows_offset_gives(client, db, monkeypatch, sort):
    consortium = ConsortiumFactory()
    for n in range(45):
        # Pairs share a date, so the title decides between them.
        published(f"Finding {(n * 7) % 45:02}", days=n // 2, consortium=consortium)
    expected = list(
        Finding.objects.published()
        .order_by(
            *{
                "newest": ["-published_at", "title"],
                "oldest": ["published_at", "title"],
                "title": ["title"],
            }[sort]
        )  # fmt: skip
        .values_list("title", flat=True)
    )
    monkeypatch.setattr(portal_pagination, "IDS_FIRST_FROM_OFFSET", 0)

    pages = [client.get(LIST_URL, {"sort": sort, "page": page}) for page in (1, 2, 3)]

    assert [f.title for page in pages for f in page.context["findings"]] == expected


def kept_counts() -> tuple[int, dict]:
    total, counts = facets.count_all_listed()
    return total, {facet: dict(+values) for facet, values in counts.items()}


def counted_counts() -> tuple[int, dict]:
    counts = facets.count_values(Finding.objects.published())
    return sum(counts["consortium"].values()), {
        facet: dict(+values) for facet, values in counts.items()
    }


@pytest.mark.postgres
def test_the_unfiltered_counts_are_kept_through_every_change(db, settings):
    settings.TIME_ZONE = "Europe/Paris"
    theme, other = ThemeFactory(), ThemeFactory()
    first = PublishedFindingFactory(themes=[theme], sdgs=[sdg(3)], countries=["ES", "FR"])
    # 23:30 UTC on New Year's Eve is already the next year in Paris.
    late = PublishedFindingFactory(published_at=dt.datetime(2021, 12, 31, 23, 30, tzinfo=dt.UTC))
    PublishedFindingFactory(status=FindingStatus.DRAFT, published_at=None, themes=[theme])
    undated = PublishedFindingFactory(published_at=None)  # as the API's tests make them
    assert kept_counts() == counted_counts()
    assert kept_counts()[1]["year"]["2022"] == 1

    first.themes.add(other)
    first.sdgs.remove(sdg(3))
    assert kept_counts() == counted_counts()

    first.status = FindingStatus.WITHDRAWN
    first.save()
    assert kept_counts() == counted_counts()
    assert kept_counts()[0] == 2

    late.delete()
    undated.delete()
    assert kept_counts() == (0, {facet: {} for facet in facets.FACETS})


@pytest.mark.postgres
def test_emptying_the_findings_empties_the_kept_counts(db):
    PublishedFindingFactory(themes=[ThemeFactory()], countries=["ES"])
    assert kept_counts()[0] == 1

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks left pending
        cursor.execute("TRUNCATE findings_finding CASCADE")  # as `manage.py flush` does

    assert kept_counts() == (0, {facet: {} for facet in facets.FACETS})


@pytest.mark.sqlite
def test_sqlite_has_no_kept_counts(db):
    assert facets.count_all_listed() is None


def test_api_pages_read_ids_first_and_give_the_rows_offset_gives(
    client, db, monkeypatch, settings, django_assert_num_queries
):
    settings.PLP_PAGE_CACHE = False  # both rounds rendered, neither served from the cache
    consortium = ConsortiumFactory()
    for n in range(12):
        published(f"Finding {(n * 5) % 12:02}", days=n, consortium=consortium)
    by_offset = [
        item["title"]
        for page in (1, 2, 3)
        for item in client.get("/api/v1/findings/", {"page": page, "page_size": 5}).json()[
            "results"
        ]
    ]
    monkeypatch.setattr(portal_pagination, "IDS_FIRST_FROM_OFFSET", 0)
    # The ids, then the rows; the count and the items' representations are cached by now.
    with django_assert_num_queries(2):
        client.get("/api/v1/findings/", {"page": 2, "page_size": 5})

    by_ids = [
        item["title"]
        for page in (1, 2, 3)
        for item in client.get("/api/v1/findings/", {"page": page, "page_size": 5}).json()[
            "results"
        ]
    ]

    assert by_ids == by_offset
    assert len(by_ids) == 12
