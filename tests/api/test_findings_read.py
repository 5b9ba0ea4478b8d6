"""Reading findings: who sees what, the site's facets, search, ordering, pagination."""

import datetime as dt

import pytest
import yaml
from django.utils import timezone

from findings.enums import FindingStatus
from findings.models import Finding
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    PublishedFindingFactory,
    SourceFactory,
    ThemeFactory,
    sdg,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def findings_in_every_state(consortium_a):
    for status in FindingStatus.values:
        FindingFactory(
            consortium=consortium_a,
            slug=status.replace("_", "-"),
            status=status,
            published_at=timezone.now()
            if status in (FindingStatus.PUBLISHED, FindingStatus.WITHDRAWN)
            else None,
        )


def test_anonymous_list_holds_only_published_findings(api, findings_in_every_state):
    assert slugs(api.get("/api/v1/findings/")) == ["published"]


def test_withdrawn_finding_stays_reachable_and_says_so(api, findings_in_every_state):
    response = api.get("/api/v1/findings/withdrawn/")

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["withdrawn"] is True
    assert slugs(api.get("/api/v1/findings/?status=withdrawn")) == ["withdrawn"]


@pytest.mark.parametrize(
    "slug", ["draft", "awaiting-signoff", "submitted", "changes-requested", "rejected"]
)
def test_unpublished_finding_is_404_to_the_public(api, findings_in_every_state, slug):
    response = api.get(f"/api/v1/findings/{slug}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.parametrize(
    "slug", ["draft", "awaiting-signoff", "submitted", "changes-requested", "rejected"]
)
def test_member_of_another_consortium_gets_404_for_unpublished(
    as_member_b, findings_in_every_state, slug
):
    assert as_member_b.get(f"/api/v1/findings/{slug}/").status_code == 404


def test_status_filter_never_shows_the_public_a_draft(api, findings_in_every_state):
    assert slugs(api.get("/api/v1/findings/?status=draft")) == []


def test_member_sees_own_consortium_findings_in_every_state(as_member_a, findings_in_every_state):
    listed = slugs(as_member_a.get("/api/v1/findings/?ordering=title"))

    # Withdrawn ones only on request, as for everybody.
    assert sorted(listed) == [
        "awaiting-signoff",
        "changes-requested",
        "draft",
        "published",
        "rejected",
        "submitted",
    ]
    assert slugs(as_member_a.get("/api/v1/findings/?status=draft")) == ["draft"]
    assert as_member_a.get("/api/v1/findings/draft/").json()["status"] == "draft"


def test_curator_sees_every_finding(as_curator, findings_in_every_state, consortium_b):
    FindingFactory(consortium=consortium_b, slug="other-draft")

    assert as_curator.get("/api/v1/findings/?status=draft&ordering=title").json()["count"] == 2
    assert as_curator.get("/api/v1/findings/other-draft/").status_code == 200


def test_finding_detail_has_everything_the_page_shows(api, consortium_a):
    theme = ThemeFactory(slug="legal-frameworks", name="Legal frameworks")
    finding = PublishedFindingFactory(
        consortium=consortium_a,
        slug="legal-forms",
        title="Many legal forms",
        body="Shared **values**.",
        themes=[theme],
        sdgs=[sdg(8)],
        countries=["ES", "FR"],
    )
    SourceFactory(finding=finding, label="White paper", url="https://example.org/wp.pdf")

    response = api.get("/api/v1/findings/legal-forms/")
    body = response.json()

    assert response.status_code == 200
    assert response["ETag"] == f'"{finding.version}"'
    assert body["title"] == "Many legal forms"
    assert body["consortium"]["slug"] == "silk"
    assert body["body_html"] == "<p>Shared <strong>values</strong>.</p>"
    assert [t["slug"] for t in body["themes"]] == ["legal-frameworks"]
    assert [g["number"] for g in body["sdgs"]] == [8]
    assert body["countries"] == ["ES", "FR"]
    assert body["sources"] == [{"label": "White paper", "url": "https://example.org/wp.pdf"}]
    assert body["html_url"] == "http://testserver/en/findings/legal-forms/"


def test_findings_filter_by_the_sites_facets(api, consortium_a, consortium_b):
    legal = ThemeFactory(slug="legal")
    PublishedFindingFactory(slug="a", consortium=consortium_a, themes=[legal], sdgs=[sdg(8)],
                            countries=["ES"])  # fmt: skip
    PublishedFindingFactory(slug="b", consortium=consortium_b, sdgs=[sdg(17)], countries=["FR"])
    older = PublishedFindingFactory(slug="c", consortium=consortium_b)
    Finding.objects.filter(pk=older.pk).update(published_at=dt.datetime(2020, 5, 1, tzinfo=dt.UTC))

    assert slugs(api.get("/api/v1/findings/?theme=legal")) == ["a"]
    assert slugs(api.get("/api/v1/findings/?sdg=17")) == ["b"]
    assert slugs(api.get("/api/v1/findings/?consortium=silk")) == ["a"]
    assert slugs(api.get("/api/v1/findings/?country=FR")) == ["b"]
    assert slugs(api.get("/api/v1/findings/?year=2020")) == ["c"]
    assert slugs(api.get("/api/v1/findings/?theme=unknown")) == []
    assert slugs(api.get("/api/v1/findings/?consortium=pl4se-plp&sdg=17")) == ["b"]


def test_updated_since_lets_harvesters_pick_up_changes(api):
    old = PublishedFindingFactory(slug="old")
    PublishedFindingFactory(slug="new")
    Finding.objects.filter(pk=old.pk).update(updated_at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))

    assert slugs(api.get("/api/v1/findings/?updated_since=2022-01-01T00:00:00Z")) == ["new"]
    assert slugs(api.get("/api/v1/findings/?updated_since=9999-12-31T23:59:59-14:00")) == []
    response = api.get("/api/v1/findings/?updated_since=yesterday")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["updated_since"]


def test_search_uses_the_sites_search_and_ordering_overrides(api):
    PublishedFindingFactory(slug="cities", title="Cities convene the SSE", summary="Platforms.")
    PublishedFindingFactory(slug="laws", title="Legal frameworks", summary="Cities too.")
    PublishedFindingFactory(slug="other", title="Impact", summary="Measurement.")

    # Title matches rank above summary matches.
    assert slugs(api.get("/api/v1/findings/?search=cities")) == ["cities", "laws"]
    assert slugs(api.get("/api/v1/findings/?search=cities&ordering=-title")) == ["laws", "cities"]
    assert sorted(slugs(api.get("/api/v1/findings/?search="))) == ["cities", "laws", "other"]


def test_search_pages_keep_the_ranking_under_filters_applied_after_it(api):
    """A search's page is read by its ranked ids: filters the API applies after the search
    (updated_since, status) still narrow it, and the count and pages follow."""
    for n in range(5):
        PublishedFindingFactory(slug=f"title-{n}", title=f"Cities {n}", summary="Other.")
    PublishedFindingFactory(slug="summary", title="Legal frameworks", summary="Cities too.")
    Finding.objects.filter(slug__in=["title-1", "title-3"]).update(
        updated_at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    )

    everything = api.get("/api/v1/findings/?search=cities&page_size=2").json()
    assert everything["count"] == 6
    assert [item["slug"] for item in everything["results"]][:2] == ["title-4", "title-3"]
    recent = api.get("/api/v1/findings/?search=cities&updated_since=2022-01-01T00:00:00Z")
    assert recent.json()["count"] == 4
    assert slugs(recent) == ["title-4", "title-2", "title-0", "summary"]
    second = api.get(
        "/api/v1/findings/?search=cities&updated_since=2022-01-01T00:00:00Z&page_size=3&page=2"
    )
    assert slugs(second) == ["summary"]


def test_ordering_by_title_and_unknown_field_is_400(api):
    PublishedFindingFactory(slug="b", title="B")
    PublishedFindingFactory(slug="a", title="A")

    assert slugs(api.get("/api/v1/findings/?ordering=title")) == ["a", "b"]
    assert slugs(api.get("/api/v1/findings/?ordering=-title")) == ["b", "a"]
    response = api.get("/api/v1/findings/?ordering=body")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ordering"]


def test_pagination_is_bounded(api):
    for n in range(3):
        PublishedFindingFactory(slug=f"f{n}", title=f"F{n}")

    first = api.get("/api/v1/findings/?page_size=2&ordering=title").json()

    assert first["count"] == 3
    assert [f["slug"] for f in first["results"]] == ["f0", "f1"]
    assert first["next"] == "http://testserver/api/v1/findings/?ordering=title&page=2&page_size=2"
    for bad in ["0", "101", "-1", "many"]:
        response = api.get(f"/api/v1/findings/?page_size={bad}")
        assert response.status_code == 400
        assert response.json()["errors"] == {"page_size": ["Give a whole number from 1 to 100."]}
    assert api.get("/api/v1/findings/?page_size=100").status_code == 200
    assert api.get("/api/v1/findings/?page=9").status_code == 404
    assert api.get("/api/v1/findings/?page=x").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "sdg=0",
        "sdg=x",
        "year=1",
        "country=ZZ",
        "status=lost",
        "search=" + "x" * 201,
        "search=a%00b",
    ],
)
def test_bad_filter_values_are_400_with_field_errors(api, query):
    response = api.get(f"/api/v1/findings/?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [query.split("=")[0]]


def test_findings_list_queries_do_not_grow_with_rows(api, django_assert_max_num_queries):
    theme = ThemeFactory()
    for n in range(10):
        finding = PublishedFindingFactory(
            consortium=ConsortiumFactory(), themes=[theme], sdgs=[sdg(n + 1)]
        )
        SourceFactory(finding=finding)

    with django_assert_max_num_queries(11):
        response = api.get("/api/v1/findings/")

    assert response.json()["count"] == 10


@pytest.mark.parametrize("name", ["sdg", "year", "country", "status", "updated_since"])
def test_empty_value_for_a_typed_filter_is_400(api, name):
    response = api.get(f"/api/v1/findings/?{name}=")

    assert response.status_code == 400
    assert response.json()["errors"] == {name: ["Give a value, or leave this parameter out."]}


def test_empty_value_for_a_text_filter_means_no_filter(api):
    PublishedFindingFactory(slug="only")

    assert slugs(api.get("/api/v1/findings/?search=&theme=&consortium=&ordering=")) == ["only"]
    assert api.get("/api/v1/findings/?page=").status_code == 404


def test_facets_take_several_values_like_the_site(api, consortium_a, consortium_b):
    legal, cities = ThemeFactory(slug="legal"), ThemeFactory(slug="cities")
    PublishedFindingFactory(slug="a", consortium=consortium_a, themes=[legal], sdgs=[sdg(8)],
                            countries=["ES"])  # fmt: skip
    PublishedFindingFactory(slug="b", consortium=consortium_b, themes=[cities], sdgs=[sdg(8)],
                            countries=["FR"])  # fmt: skip
    PublishedFindingFactory(slug="c", consortium=consortium_b, themes=[legal], sdgs=[sdg(17)])

    assert sorted(slugs(api.get("/api/v1/findings/?theme=legal&theme=cities"))) == ["a", "b", "c"]
    assert sorted(slugs(api.get("/api/v1/findings/?theme=legal&theme=cities&sdg=8"))) == ["a", "b"]
    assert slugs(api.get("/api/v1/findings/?country=ES&country=FR&consortium=pl4se-plp")) == ["b"]
    assert slugs(api.get("/api/v1/findings/?theme=legal&theme=unknown&sdg=17")) == ["c"]


def test_several_values_are_documented_in_the_schema(api):
    schema = yaml.safe_load(api.get("/api/schema/").content)
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/findings/"]["get"]["parameters"]}

    for name in ("theme", "sdg", "consortium", "country", "year"):
        assert parameters[name]["schema"]["type"] == "array", name
        assert parameters[name]["explode"] is True, name


def test_list_items_carry_the_summary_and_the_detail_the_body(api, db):
    PublishedFindingFactory(slug="shared-values", summary="In short.", body="Shared **values**.")

    [item] = api.get("/api/v1/findings/").json()["results"]
    detail = api.get("/api/v1/findings/shared-values/").json()

    assert list(item) == [
        "slug",
        "title",
        "status",
        "withdrawn",
        "consortium",
        "summary",
        "themes",
        "sdgs",
        "countries",
        "created_at",
        "updated_at",
        "published_at",
        "version",
        "url",
        "html_url",
        "language",
        "doi",
        "kind",
        "levers",
        "levels",
        "evidence",
        "sdg_targets",
        "outputs",
        "reactions",
    ]
    assert item["summary"] == "In short."
    none = {"endorsed": 0, "applied": 0, "otherwise": 0, "contested": False}
    assert (item["reactions"], detail["reactions"]) == (none, none)
    assert set(detail) - set(item) == {
        "body",
        "body_html",
        "sources",
        "attachments",
        "translations",
    }
    assert detail["body_html"] == "<p>Shared <strong>values</strong>.</p>"


def test_finding_gives_its_doi_or_an_empty_string(api, db):
    PublishedFindingFactory(slug="with-doi", doi="10.5281/zenodo.1234567")
    PublishedFindingFactory(slug="without-doi")

    items = api.get("/api/v1/findings/?sort=title").json()["results"]
    detail = api.get("/api/v1/findings/with-doi/").json()

    assert {item["slug"]: item["doi"] for item in items} == {
        "with-doi": "10.5281/zenodo.1234567",
        "without-doi": "",
    }
    assert detail["doi"] == "10.5281/zenodo.1234567"


@pytest.mark.parametrize(
    ("query", "last_page"),
    [("page_size=100", 101), ("page_size=20", 501), ("", 501), ("page_size=1", 10001)],
)
def test_pages_past_an_offset_of_ten_thousand_are_a_404_that_says_so(api, db, query, last_page):
    PublishedFindingFactory()

    response = api.get(f"/api/v1/findings/?{query}&page={last_page + 1}")
    within = api.get(f"/api/v1/findings/?{query}&page={last_page}")

    assert response.status_code == 404
    size = query.removeprefix("page_size=") or "20"
    assert response.json() == {
        "detail": (
            f"Pages stop at an offset of 10,000: with page_size={size} the last page is "
            f"{last_page}. Narrow the list with filters to reach the rest."
        ),
        "code": "page_too_deep",
    }
    assert within.json() == {"detail": "Invalid page.", "code": "not_found"}  # just empty


def test_every_paginated_list_stops_at_the_same_depth(api, db):
    for endpoint in ["consortia", "organisations", "people", "events", "themes"]:
        response = api.get(f"/api/v1/{endpoint}/?page_size=100&page=102")
        assert (response.status_code, response.json()["code"]) == (404, "page_too_deep")
