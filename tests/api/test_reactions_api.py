"""``/api/v1/findings/<slug>/reactions/``: published reactions for anyone; members of other
consortia record one with their token, refused as the site refuses them."""

import pytest
import yaml
from django.core.cache import cache
from django.core.management import call_command

from findings.enums import FindingStatus
from findings.models import Finding
from findings.reactions.enums import ReactionKind
from findings.reactions.models import Reaction
from tests.api.conftest import client_with_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/findings/finding-a/reactions/"


def test_anonymous_reads_only_published_reactions(api, react, publish_reaction):
    shown = publish_reaction(react(ReactionKind.APPLIED, note="Across the city."))
    react(ReactionKind.ENDORSED)  # waiting for a curator
    rejected = react(ReactionKind.OTHERWISE)
    from findings.reactions import services

    services.reaction_reject(reaction=rejected, user=shown.decided_by)
    response = api.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    [item] = response.json()["results"]
    assert item == {
        "id": shown.pk,
        "organisation": "euclid",
        "organisation_name": "Euclid Network",
        "kind": "applied",
        "country": "PT",
        "place": "Lisbon",
        "note": "Across the city.",
        "evidence": "",
        "status": "published",
        "created_at": item["created_at"],
        "decided_at": item["decided_at"],
    }


def test_reactions_of_an_unpublished_finding_are_404(api, finding_a):
    Finding.objects.filter(pk=finding_a.pk).update(status=FindingStatus.DRAFT)
    response = api.get(URL)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_member_records_a_reaction_with_their_token(
    as_member_b, member_b, organisation_b, finding_a
):
    response = as_member_b.post(
        URL,
        {"organisation": "euclid", "kind": "otherwise", "evidence": "Not in rural areas."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    reaction = Reaction.objects.get()
    assert (reaction.author, reaction.kind, reaction.status, reaction.evidence) == (
        member_b,
        "otherwise",
        "submitted",
        "Not in rural areas.",
    )
    assert response.json()["status"] == "submitted"


def test_anonymous_cannot_write(api, organisation_b, finding_a):
    response = api.post(URL, {"organisation": "euclid", "kind": "endorsed"}, format="json")
    assert response.status_code == 401
    assert Reaction.objects.count() == 0


def test_own_consortium_is_403_with_the_rules_sentence(member_a, organisation_a, finding_a):
    response = client_with_token(member_a).post(
        URL, {"organisation": "silk-lab", "kind": "endorsed"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "This is a finding of SILK, which you act for: reactions come from other "
        "consortia.",
        "code": "not_permitted",
    }


def test_non_member_is_403(organisation_b, finding_a):
    outsider = client_with_token(UserFactory(username="outsider"))
    response = outsider.post(URL, {"organisation": "euclid", "kind": "endorsed"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only members of a consortium can react to findings."


def test_withdrawn_finding_is_409(as_member_b, organisation_b, finding_a):
    Finding.objects.filter(pk=finding_a.pk).update(status=FindingStatus.WITHDRAWN)
    response = as_member_b.post(URL, {"organisation": "euclid", "kind": "endorsed"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "Only published findings can be reacted to."


def test_draft_finding_is_404(as_member_b, organisation_b, finding_a):
    Finding.objects.filter(pk=finding_a.pk).update(status=FindingStatus.DRAFT)
    response = as_member_b.post(URL, {"organisation": "euclid", "kind": "endorsed"}, format="json")
    assert response.status_code == 404


def test_duplicate_is_400(as_member_b, react):
    react(ReactionKind.ENDORSED)
    response = as_member_b.post(URL, {"organisation": "euclid", "kind": "endorsed"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Euclid Network has already recorded “Endorses it” for this finding (waiting "
        "for review or published).",
        "code": "duplicate_reaction",
        "errors": {
            "non_field_errors": [
                "Euclid Network has already recorded “Endorses it” for this finding (waiting "
                "for review or published)."
            ]
        },
    }


def test_missing_evidence_is_400_on_the_field(as_member_b, organisation_b, finding_a):
    response = as_member_b.post(URL, {"organisation": "euclid", "kind": "otherwise"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "evidence": ["Say what your organisation found: the evidence."]
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"organisation": "nobody", "kind": "endorsed"}, "organisation"),
        ({"organisation": "euclid", "kind": "loved"}, "kind"),
        ({"organisation": "euclid", "kind": "applied", "place": "X", "country": "ZZ"}, "country"),
    ],
)
def test_bad_input_is_400_naming_the_field(as_member_b, organisation_b, finding_a, payload, field):
    response = as_member_b.post(URL, payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_schema_documents_the_endpoint_and_its_errors(tmp_path):
    schema_file = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(schema_file))
    path = yaml.safe_load(schema_file.read_text())["paths"]["/api/v1/findings/{slug}/reactions/"]
    assert {"200", "401", "404"} <= set(path["get"]["responses"])
    assert {"201", "400", "401", "403", "404", "409"} <= set(path["post"]["responses"])


def test_list_filter_contested_is_exact(api, react, publish_reaction, finding_a, consortium_a):
    from tests.factories import PublishedFindingFactory

    endorsed_only = PublishedFindingFactory(consortium=consortium_a, slug="endorsed-only")
    waiting = PublishedFindingFactory(consortium=consortium_a, slug="waiting")
    publish_reaction(react(ReactionKind.OTHERWISE))
    publish_reaction(react(ReactionKind.ENDORSED, finding=endorsed_only))
    react(ReactionKind.OTHERWISE, finding=waiting)
    response = api.get("/api/v1/findings/?contested=1")
    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == ["finding-a"]
    assert response.json()["count"] == 1
    everything = api.get("/api/v1/findings/")
    assert everything.json()["count"] == 3


def test_list_filter_contested_refuses_other_values(api, finding_a):
    response = api.get("/api/v1/findings/?contested=yes")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["contested"]


def test_reading_many_reactions_costs_a_fixed_number_of_queries(
    api, react, publish_reaction, finding_a, consortium_b, django_assert_max_num_queries
):
    from consortia.enums import MembershipRole
    from tests.factories import MembershipFactory, OrganisationFactory

    publish_reaction(react())
    cache.clear()
    with django_assert_max_num_queries(6) as few:
        api.get(URL)
    for n in range(15):
        organisation = OrganisationFactory(name=f"Partner {n}")
        MembershipFactory(
            consortium=consortium_b, organisation=organisation, role=MembershipRole.PARTNER
        )
        publish_reaction(react(organisation=organisation))
    cache.clear()  # the test's changes never commit, so never retire the cached page
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.get(URL)
    assert response.json()["count"] == 16
