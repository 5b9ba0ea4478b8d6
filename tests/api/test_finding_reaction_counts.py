"""A finding's ``reactions`` in the API (list and detail): its published reactions counted by
kind and whether it is contested, read in the findings' own query."""

import pytest
import yaml
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from findings.reactions.enums import ReactionKind, ReactionStatus
from findings.reactions.models import Reaction
from tests.factories import OrganisationFactory, PublishedFindingFactory

pytestmark = pytest.mark.django_db

NONE = {"endorsed": 0, "applied": 0, "otherwise": 0, "contested": False}


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PLP_PAGE_CACHE = False  # the list items' own cache stays on


def record(finding, kind, status=ReactionStatus.PUBLISHED, *, organisation=None) -> Reaction:
    """A reaction in the given state, written straight to the table (the service's rules are
    tested in test_reactions_api.py)."""
    return Reaction.objects.create(
        finding=finding,
        organisation=organisation or OrganisationFactory(),
        kind=kind,
        status=status,
        evidence="In Lisbon the city was not the convener." if kind == "otherwise" else "",
    )


def listed(api, path="/api/v1/findings/?page_size=100") -> dict[str, dict]:
    response = api.get(path)
    assert response.status_code == 200, response.content
    return {item["slug"]: item["reactions"] for item in response.json()["results"]}


def test_list_and_detail_count_published_reactions_by_kind(api):
    finding = PublishedFindingFactory(slug="counted")
    for _ in range(3):
        record(finding, ReactionKind.ENDORSED)
    for _ in range(2):
        record(finding, ReactionKind.APPLIED)
    record(finding, ReactionKind.OTHERWISE)
    PublishedFindingFactory(slug="quiet")

    expected = {"endorsed": 3, "applied": 2, "otherwise": 1, "contested": True}
    assert listed(api) == {"counted": expected, "quiet": NONE}
    assert api.get("/api/v1/findings/counted/").json()["reactions"] == expected
    assert api.get("/api/v1/findings/quiet/").json()["reactions"] == NONE


def test_submitted_and_rejected_reactions_are_not_counted(api):
    finding = PublishedFindingFactory(slug="waiting")
    for kind in ReactionKind.values:
        record(finding, kind, ReactionStatus.SUBMITTED)
        record(finding, kind, ReactionStatus.REJECTED)
    record(finding, ReactionKind.ENDORSED)

    expected = {"endorsed": 1, "applied": 0, "otherwise": 0, "contested": False}
    assert listed(api) == {"waiting": expected}
    assert api.get("/api/v1/findings/waiting/").json()["reactions"] == expected


def test_contested_is_the_contested_filters_rule(api):
    contested = PublishedFindingFactory(slug="contested")
    record(contested, ReactionKind.OTHERWISE)
    rejected = PublishedFindingFactory(slug="rejected-otherwise")
    record(rejected, ReactionKind.OTHERWISE, ReactionStatus.REJECTED)
    record(rejected, ReactionKind.ENDORSED)
    record(PublishedFindingFactory(slug="endorsed"), ReactionKind.ENDORSED)

    flags = {slug: counts["contested"] for slug, counts in listed(api).items()}
    filtered = api.get("/api/v1/findings/?contested=1").json()["results"]

    assert flags == {"contested": True, "rejected-otherwise": False, "endorsed": False}
    assert [item["slug"] for item in filtered] == ["contested"]
    assert filtered[0]["reactions"]["contested"] is True


def test_a_reaction_decided_after_the_list_was_cached_shows_at_once(
    api, django_capture_on_commit_callbacks
):
    finding = PublishedFindingFactory(slug="decided")
    reaction = record(finding, ReactionKind.OTHERWISE, ReactionStatus.SUBMITTED)
    assert listed(api) == {"decided": NONE}  # the item is now cached

    with django_capture_on_commit_callbacks(execute=True):
        reaction.status = ReactionStatus.PUBLISHED
        reaction.save()

    assert listed(api) == {
        "decided": {"endorsed": 0, "applied": 0, "otherwise": 1, "contested": True}
    }


def list_queries(api) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        listed(api)
    return len(queries)


def test_list_reads_the_counts_without_a_query_per_finding(api):
    for _ in range(2):
        finding = PublishedFindingFactory()
        record(finding, ReactionKind.ENDORSED)
        record(finding, ReactionKind.OTHERWISE)
    few = list_queries(api)

    for _ in range(10):
        finding = PublishedFindingFactory()
        record(finding, ReactionKind.APPLIED)
        record(finding, ReactionKind.OTHERWISE, ReactionStatus.SUBMITTED)
    many = list_queries(api)

    assert len(listed(api)) == 12
    assert many == few


def test_warm_list_reads_reactions_with_its_cached_items(api, django_assert_num_queries):
    record(PublishedFindingFactory(slug="warm"), ReactionKind.APPLIED)
    listed(api)

    # The page's rows only (the count of all is cached): no count of reactions per request.
    with django_assert_num_queries(1):
        assert listed(api) == {
            "warm": {"endorsed": 0, "applied": 1, "otherwise": 0, "contested": False}
        }


def test_schema_describes_the_reactions_exactly(api):
    schema = yaml.safe_load(api.get("/api/schema/").content)
    components = schema["components"]["schemas"]

    assert components["ReactionCounts"]["properties"] == {
        "endorsed": {
            "type": "integer",
            "minimum": 0,
            "readOnly": True,
            "description": "Published endorsements.",
        },
        "applied": {
            "type": "integer",
            "minimum": 0,
            "readOnly": True,
            "description": "Published reactions of organisations that have applied it.",
        },
        "otherwise": {
            "type": "integer",
            "minimum": 0,
            "readOnly": True,
            "description": 'Published "found otherwise" reactions (organisations whose '
            "evidence differs).",
        },
        "contested": {
            "type": "boolean",
            "readOnly": True,
            "description": 'At least one published "found otherwise": what ?contested=1 lists.',
        },
    }
    assert sorted(components["ReactionCounts"]["required"]) == [
        "applied",
        "contested",
        "endorsed",
        "otherwise",
    ]
    for shape in ("FindingList", "Finding"):
        reactions = components[shape]["properties"]["reactions"]
        assert reactions["allOf"] == [{"$ref": "#/components/schemas/ReactionCounts"}]
        assert reactions["readOnly"] is True
        assert "reactions" in components[shape]["required"]
