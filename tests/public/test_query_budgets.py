"""Every public list and detail page runs a fixed number of queries, however much data there is.

A programme is built and every page loaded; then ten times more is built and every page
loaded again: each page keeps within the same budget. The cache is emptied before each load:
the budgets are those of a cold cache, when the cached counts are computed too. The two builds
are made once for all pages (in a transaction rolled back afterwards) and each page's test reads
its own figures: building them per page made this module minutes long.
"""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.public.conftest import build_programme

SCALE = 2


@pytest.fixture(autouse=True)
def rendered_pages(settings):
    # The budgets are for rendering a page: a page served from the cache runs no query at all.
    settings.PLP_PAGE_CACHE = False


def pages(world: dict) -> dict[str, str]:
    finding = world["findings"][0]
    return {
        "home": reverse("events:home"),
        "consortium_list": reverse("consortia:consortium_list"),
        "consortium_detail": world["consortia"][0].get_absolute_url(),
        "organisation_detail": world["organisation"].get_absolute_url(),
        "person_detail": world["person"].get_absolute_url(),
        "moderator_detail": world["moderator"].get_absolute_url(),
        "event_list": reverse("events:event_list"),
        "event_detail": world["event"].get_absolute_url(),
        "theme_list": reverse("findings:theme_list"),
        "sdg_list": reverse("findings:sdg_list"),
        "person_list": reverse("consortia:person_list"),
        "organisation_list": reverse("consortia:organisation_list"),
        "theme_detail": world["themes"][0].get_absolute_url(),
        "sdg_detail": reverse("findings:sdg_detail", args=[8]),
        "finding_list": reverse("findings:finding_list"),
        "finding_list_filtered": reverse("findings:finding_list")
        + f"?theme={world['themes'][0].slug}&sdg=8&consortium={world['consortia'][0].slug}"
        "&country=FR&year=" + str(finding.published_at.year) + "&sort=title",
        "finding_list_search": reverse("findings:finding_list") + "?q=Finding",
        "finding_list_contested": reverse("findings:finding_list") + "?contested=1",
        "finding_detail": finding.get_absolute_url(),
        "finding_trail": reverse("findings:finding_trail", args=[finding.slug]),
        "finding_cite_bibtex": reverse("findings:finding_cite_bibtex", args=[finding.slug]),
        "finding_cite_ris": reverse("findings:finding_cite_ris", args=[finding.slug]),
        "finding_cite_csl": reverse("findings:finding_cite_csl", args=[finding.slug]),
        "finding_feed": reverse("findings:finding_feed"),
        "finding_feed_rss": reverse("findings:finding_feed_rss"),
        "finding_feed_filtered": reverse("findings:finding_feed")
        + f"?theme={world['themes'][0].slug}&sdg=8&consortium={world['consortia'][0].slug}"
        "&country=FR&year=" + str(finding.published_at.year),
        "finding_feed_search": reverse("findings:finding_feed_rss") + "?q=Finding",
        "events_calendar": reverse("events:events_calendar"),
        "event_calendar": reverse("events:event_calendar", args=[world["event"].slug]),
        "sitemap_index": "/sitemap.xml",
        "sitemap_findings": "/sitemap-findings.xml",
        "sitemap_people": "/sitemap-people.xml",
    }


BUDGETS = {
    # Cold: the page's cached fragment is rendered too, after the query that answers 404 or
    # gives the title, and the moment the home page next changes by itself is asked for. Its
    # charts (findings.charts, consortia.charts): themes and their cached count, goals and
    # theirs, findings per consortium and year and the names of the consortia drawn,
    # organisations per country.
    "home": 19,
    "consortium_list": 5,
    # The consortia it shares organisations with, for its chart: one grouped query.
    "consortium_detail": 8,
    # And its best peer matches (findings.matching), then the names of what their reasons
    # name: one query per feature (theme, goal, lever, target, event, applied finding).
    "organisation_detail": 10,
    "person_detail": 5,
    "moderator_detail": 5,
    "event_list": 4,  # cold: the moment the list next changes by itself, for its fragment
    # Cold: and the moment the page next changes by itself (an upcoming event becoming past);
    # and the published outputs launched at it, one capped query.
    "event_detail": 11,
    "theme_list": 2,
    "sdg_list": 2,
    # The count, the page's rows and the initials for the A-Z links.
    "person_list": 3,
    "organisation_list": 3,
    # Each with its chart of published findings per consortium: one grouped query.
    "theme_detail": 8,
    "sdg_detail": 6,
    # Cold facet counts: one grouped query per facet on SQLite (one for all on PostgreSQL),
    # one more per facet with a selection, three for the labels; then the page's rows. The
    # claim's facets (levers, levels, evidence, SDG targets) add four grouped queries on
    # SQLite (none on PostgreSQL, where one scan counts every facet).
    "finding_list": 15,
    "finding_list_filtered": 23,
    "finding_list_search": 15,
    # As the unfiltered list, plus the contested count (findings.reactions).
    "finding_list_contested": 16,
    # The finding; its sources, files, published outputs, presentations, breakouts, key points
    # and policy outputs (with their published findings): one query each, each capped.
    "finding_trail": 8,
    "finding_feed": 2,
    "finding_feed_rss": 2,
    # The selected theme, SDG and consortium are checked against the database; the search's
    # ranked matches are two queries (then cached).
    "finding_feed_filtered": 5,
    "finding_feed_search": 4,
    "events_calendar": 3,
    "event_calendar": 2,
    # One query per section for where its pages start (outputs are one more).
    "sitemap_index": 10,
    "sitemap_findings": 2,
    "sitemap_people": 2,
    # The title first (the rest is a cached fragment, built here from an empty cache); related
    # findings in one bounded query (and two prefetches) on PostgreSQL; the claim's levers,
    # levels, evidence and SDG targets, one prefetch each; the key points that cite it, the
    # policy outputs it fed, its published reactions and the published outputs it rests on: one
    # query each.
    "finding_detail": 20,
    # The finding with its consortium and programme, in one query.
    "finding_cite_bibtex": 1,
    "finding_cite_ris": 1,
    "finding_cite_csl": 1,
}


def load_cold(client: Client, url: str) -> tuple[int, list[str]]:
    """The page's status and its queries, from an empty cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return status, [query["sql"] for query in queries.captured_queries]


@pytest.fixture(scope="module")
def loads(django_db_setup, django_db_blocker) -> dict[str, dict]:
    """Per page, its status and queries at the small and at the tenfold scale."""
    client = Client()
    measured = {}
    # The budgets are for rendering a page: a page served from the cache runs no query at all.
    with (
        django_db_blocker.unblock(),
        override_settings(PLP_PAGE_CACHE=False),
        transaction.atomic(),
    ):
        for scale in ("small", "large"):
            # The large world is built beside the small one: ten times its size.
            world = build_programme(SCALE if scale == "small" else SCALE * 9)
            for page, url in pages(world).items():
                if page in BUDGETS:
                    measured.setdefault(page, {})[scale] = load_cold(client, url)
        transaction.set_rollback(True)
    cache.clear()
    return measured


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_public_page_query_budget_holds_when_data_grows_tenfold(page, loads):
    for scale in ("small", "large"):
        status, queries = loads[page][scale]
        assert status == 200, scale
        assert len(queries) <= BUDGETS[page], (scale, *queries)


# Pages whose content is a cached fragment (plp_portal.fragments): once it is rendered, a page
# reads only what the fragment does not hold (the programme for the title; the event or
# finding itself, which also answers 404). The findings list's facets, counts and search
# ranking are cached too, and its rows are read only to render the fragment: none.
WARM_BUDGETS = {
    "home": 1,
    "event_list": 1,  # the past events' count, which also answers a page that isn't one
    "event_detail": 1,
    "finding_detail": 1,
    "finding_list": 0,
    "finding_list_search": 0,
    # The selected theme, SDG and consortium are checked against the database.
    "finding_list_filtered": 3,
}


@pytest.mark.parametrize("page", sorted(WARM_BUDGETS))
def test_public_page_with_its_fragment_cached_reads_only_its_head(
    page, client, db, django_assert_max_num_queries
):
    url = pages(build_programme(SCALE))[page]
    cache.clear()
    first = client.get(url)

    with django_assert_max_num_queries(WARM_BUDGETS[page]):
        again = client.get(url)

    assert (again.status_code, again.content) == (200, first.content)
