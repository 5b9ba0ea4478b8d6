"""Every list and detail endpoint of the API runs a fixed number of queries whatever the data
size: each is read at 20 findings and again at 200 (made with bulk_create), within one budget.

The cache is emptied before each read: these are the budgets of a cold cache, when the cached
counts are computed too.
"""

import datetime as dt

import pytest
from django.core.cache import cache

from consortia.enums import MembershipRole
from consortia.models import Membership, Organisation, Person
from findings.enums import FindingStatus
from findings.models import Finding
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    KeyPointFactory,
    SessionFactory,
    ThemeFactory,
    sdg,
)


def grow_programme(findings: int) -> dict:
    """A consortium per ten findings with two member organisations and a person each; the
    findings published, with two themes and an SDG; one event whose programme presents them."""
    themes = [ThemeFactory(), ThemeFactory()]
    goal = sdg(8)
    consortia = [ConsortiumFactory() for _ in range(findings // 10)]
    start = Finding.objects.count()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {start + n}", slug=f"bulk-org-{start + n}")
        for n in range(2 * len(consortia))
    )
    Membership.objects.bulk_create(
        Membership(consortium=consortium, organisation=organisation, role=role)
        for index, consortium in enumerate(consortia)
        for organisation, role in zip(
            organisations[2 * index : 2 * index + 2],
            [MembershipRole.LEAD, MembershipRole.PARTNER],
            strict=True,
        )
    )
    people = Person.objects.bulk_create(
        Person(
            given_name="Given",
            family_name=f"Family {start + n}",
            slug=f"bulk-person-{start + n}",
            affiliation=organisation,
        )
        for n, organisation in enumerate(organisations)
    )
    published_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    created = Finding.objects.bulk_create(
        Finding(
            consortium=consortia[n % len(consortia)],
            title=f"Finding {start + n}",
            slug=f"bulk-finding-{start + n}",
            summary="What was found, in two sentences.",
            body="A long **Markdown** body.\n\n" * 20,
            countries=["FR", "ES"],
            status=FindingStatus.PUBLISHED,
            published_at=published_at + dt.timedelta(hours=n),
        )
        for n in range(findings)
    )
    Finding.themes.through.objects.bulk_create(
        Finding.themes.through(finding=finding, theme=theme)
        for finding in created
        for theme in themes
    )
    Finding.sdgs.through.objects.bulk_create(
        Finding.sdgs.through(finding=finding, sdg=goal) for finding in created
    )
    event = EventFactory()
    panel = SessionFactory(event=event, position=1, moderator=people[0])
    breakouts = SessionFactory(event=event, position=2, kind="breakouts")
    for index, consortium in enumerate(consortia):
        contribution = ContributionFactory(
            session=panel, position=index + 1, consortium=consortium, person=people[2 * index]
        )
        contribution.findings.set(created[index :: len(consortia)])
    for index, theme in enumerate(themes):
        breakout = BreakoutFactory(session=breakouts, position=index + 1, theme=theme)
        breakout.participants.set(people[:5])
        KeyPointFactory(breakout=breakout).findings.set(created[:3])
        breakout.findings.set(created[:5])
    return {
        "finding": created[0],
        "consortium": consortia[0],
        "organisation": organisations[0],
        "person": people[0],
        "event": event,
        "theme": themes[0],
    }


def endpoints(world: dict) -> dict[str, str]:
    return {
        "consortium_list": "/api/v1/consortia/",
        "consortium_detail": f"/api/v1/consortia/{world['consortium'].slug}/",
        "organisation_list": "/api/v1/organisations/",
        "organisation_detail": f"/api/v1/organisations/{world['organisation'].slug}/",
        "person_list": "/api/v1/people/",
        "person_detail": f"/api/v1/people/{world['person'].slug}/",
        "event_list": "/api/v1/events/",
        "event_detail": f"/api/v1/events/{world['event'].slug}/",
        "theme_list": "/api/v1/themes/",
        "theme_detail": f"/api/v1/themes/{world['theme'].slug}/",
        "sdg_list": "/api/v1/sdgs/",
        "sdg_detail": "/api/v1/sdgs/8/",
        "finding_list": "/api/v1/findings/?page_size=100",
        # The last page: as cheap as the first.
        "finding_list_deep": f"/api/v1/findings/?page_size=10&page={Finding.objects.count() // 10}",
        "finding_detail": f"/api/v1/findings/{world['finding'].slug}/",
    }


BUDGETS = {
    # A count for the pages, the rows, and one query per prefetched relation.
    "consortium_list": 4,
    "consortium_detail": 3,
    "organisation_list": 3,
    "organisation_detail": 2,
    "person_list": 2,
    "person_detail": 1,
    "event_list": 3,
    "event_detail": 12,
    # The rows, and the cached grouped count.
    "theme_list": 3,
    "theme_detail": 2,
    "sdg_list": 2,
    "sdg_detail": 2,
    # Findings: and one query per relation of their claim (levers, levels, evidence, targets),
    # and one for the published outputs they rest on (their `outputs`); a list's items not in
    # the cache, one more for their published reactions (their `reactions`).
    "finding_list": 10,
    "finding_list_deep": 10,
    "finding_detail": 10,
}


@pytest.mark.parametrize("endpoint", sorted(BUDGETS))
def test_api_endpoint_query_budget_holds_at_ten_times_the_findings(
    endpoint, api, db, django_assert_max_num_queries
):
    world = grow_programme(20)
    url = endpoints(world)[endpoint]
    cache.clear()
    with django_assert_max_num_queries(BUDGETS[endpoint]):
        small = api.get(url)
    assert small.status_code == 200, small.content

    world = grow_programme(180)  # 200 findings in all
    url = endpoints(world)[endpoint]
    cache.clear()
    with django_assert_max_num_queries(BUDGETS[endpoint]):
        large = api.get(url)
    assert large.status_code == 200, large.content
