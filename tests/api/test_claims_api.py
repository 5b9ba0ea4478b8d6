"""The structured claim through the API: read on every finding, written by members with the
rules of the site (a target implies its goal; bad values are a 400 with the reason), and
filtered with the list's facets."""

import pytest

from findings.claims import replace_evidence
from findings.enums import FindingStatus
from findings.models import Finding, PolicyLever
from tests.factories import FindingFactory, PublishedFindingFactory, sdg

pytestmark = pytest.mark.django_db

NEW_FINDING = {
    "consortium": "silk",
    "title": "Cities convene the SSE",
    "summary": "Platforms connect the actors.",
    "sdgs": [11],
    "kind": "lesson_learned",
    "levers": ["networks-and-platforms"],
    "levels": ["local"],
    "evidence": [{"kind": "case_studies", "count": 9}, {"kind": "literature"}],
    "sdg_targets": ["11.3", "17.17"],
}


def test_a_member_writes_a_claim_and_the_targets_bring_their_goals(as_member_a):
    response = as_member_a.post("/api/v1/findings/", NEW_FINDING, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "lesson_learned"
    assert body["levers"] == [{"slug": "networks-and-platforms", "name": "Networks and platforms"}]
    assert body["levels"] == ["local"]
    assert body["evidence"] == [
        {"kind": "case_studies", "count": 9, "note": ""},
        {"kind": "literature", "count": None, "note": ""},
    ]
    assert [(t["code"], t["goal"]) for t in body["sdg_targets"]] == [("11.3", 11), ("17.17", 17)]
    assert [goal["number"] for goal in body["sdgs"]] == [11, 17]


def test_a_member_changes_the_claim_with_a_patch(as_member_a, consortium_a, member_a):
    finding = FindingFactory(consortium=consortium_a, author=member_a, slug="mine")

    response = as_member_a.patch(
        "/api/v1/findings/mine/",
        {"version": 1, "kind": "recommendation", "evidence": [{"kind": "survey", "count": 340}]},
        format="json",
    )

    assert response.status_code == 200, response.content
    finding.refresh_from_db()
    assert finding.kind == "recommendation"
    assert list(finding.evidence.values_list("kind", "count")) == [("survey", 340)]


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"levers": ["no-such-lever"]},
         {"levers": ["Object with slug=no-such-lever does not exist."]}),
        ({"sdg_targets": ["18.1"]},
         {"sdg_targets": ['Invalid pk "18.1" - object does not exist.']}),
        ({"levels": ["galactic"]}, {"levels": ['Invalid pk "galactic" - object does not exist.']}),
        ({"kind": "rumour"}, {"kind": ['"rumour" is not a valid choice.']}),
        ({"evidence": [{"kind": "survey", "count": 0}]},
         {"evidence.0.count": ["Ensure this value is greater than or equal to 1."]}),
        ({"evidence": [{"kind": "survey"}, {"kind": "survey", "count": 3}]},
         {"evidence": ["Give each kind of evidence once."]}),
        ({"evidence": [{"kind": "rumour"}]},
         {"evidence.0.kind": ['"rumour" is not a valid choice.']}),
    ],
)  # fmt: skip
def test_a_bad_claim_is_a_400_with_the_reason(as_member_a, change, errors):
    response = as_member_a.post("/api/v1/findings/", {**NEW_FINDING, **change}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert not Finding.objects.exists()


def test_another_consortiums_member_cannot_change_the_claim(as_member_b, consortium_a, member_a):
    FindingFactory(consortium=consortium_a, author=member_a, slug="theirs")

    response = as_member_b.patch(
        "/api/v1/findings/theirs/", {"version": 1, "kind": "observation"}, format="json"
    )

    assert response.status_code in (403, 404)
    assert Finding.objects.get(slug="theirs").kind == ""


@pytest.fixture
def listed(consortium_a):
    finance = PolicyLever.objects.get(slug="finance")
    a = PublishedFindingFactory(slug="a", consortium=consortium_a, kind="observation",
                                sdgs=[sdg(12)])  # fmt: skip
    a.levers.set([finance])
    a.levels.set(["national"])
    a.sdg_targets.set(["12.6"])
    replace_evidence(a, [{"kind": "survey", "count": 340}])
    b = PublishedFindingFactory(slug="b", consortium=consortium_a, kind="recommendation")
    b.levels.set(["local"])
    hidden = FindingFactory(slug="hidden", consortium=consortium_a, kind="observation",
                            status=FindingStatus.SUBMITTED)  # fmt: skip
    hidden.levers.set([finance])
    hidden.sdg_targets.set(["12.6"])


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(item["slug"] for item in response.json()["results"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=observation", ["a"]),
        ("kind=observation&kind=recommendation", ["a", "b"]),
        ("lever=finance", ["a"]),
        ("lever=no-such-lever", []),
        ("level=local&level=national", ["a", "b"]),
        ("level=local&kind=observation", []),
        ("evidence=survey", ["a"]),
        ("sdg_target=12.6", ["a"]),
    ],
)
def test_the_api_filters_by_the_claim_and_never_lists_an_unpublished_finding(
    api, listed, query, expected
):
    assert slugs(api.get(f"/api/v1/findings/?{query}")) == expected


NOT_A_CHOICE = "Select a valid choice. {} is not one of the available choices."


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("level=galactic", {"level": [NOT_A_CHOICE.format("galactic")]}),
        ("sdg_target=99.9", {"sdg_target": [NOT_A_CHOICE.format("99.9")]}),
    ],
)  # fmt: skip
def test_an_unknown_claim_filter_value_is_a_400(api, listed, query, errors):
    response = api.get(f"/api/v1/findings/?{query}")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
