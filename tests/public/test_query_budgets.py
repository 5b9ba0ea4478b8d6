"""Every public list and detail page runs a fixed number of queries, however much data there is.

Each test builds a programme, loads the page within its budget, builds ten times more, and
loads it again within the same budget.
"""

import pytest
from django.urls import reverse

from tests.public.conftest import build_programme

SCALE = 2


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
        "theme_detail": world["themes"][0].get_absolute_url(),
        "sdg_detail": reverse("findings:sdg_detail", args=[8]),
        "finding_list": reverse("findings:finding_list"),
        "finding_list_filtered": reverse("findings:finding_list")
        + f"?theme={world['themes'][0].slug}&sdg=8&consortium={world['consortia'][0].slug}"
        "&country=FR&year=" + str(finding.published_at.year) + "&sort=title",
        "finding_list_search": reverse("findings:finding_list") + "?q=Finding",
        "finding_detail": finding.get_absolute_url(),
    }


BUDGETS = {
    "home": 11,
    "consortium_list": 3,
    "consortium_detail": 6,
    "organisation_detail": 3,
    "person_detail": 5,
    "moderator_detail": 5,
    "event_list": 2,
    "event_detail": 8,
    "theme_list": 1,
    "theme_detail": 6,
    "sdg_detail": 5,
    # Cold facet counts: one grouped query per facet on SQLite (one for all on PostgreSQL),
    # one more per facet with a selection, three for the labels; then the page's rows.
    "finding_list": 11,
    "finding_list_filtered": 19,
    "finding_list_search": 11,
    # Related findings: one bounded query (and two prefetches) on PostgreSQL.
    "finding_detail": 11,
}


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_public_page_query_budget_holds_when_data_grows_tenfold(
    page, client, db, django_assert_max_num_queries
):
    world = build_programme(SCALE)
    url = pages(world)[page]
    with django_assert_max_num_queries(BUDGETS[page]):
        small = client.get(url)
    assert small.status_code == 200

    world = build_programme(SCALE * 10)
    url = pages(world)[page]
    with django_assert_max_num_queries(BUDGETS[page]):
        large = client.get(url)
    assert large.status_code == 200
