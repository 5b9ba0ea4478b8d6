"""/api/v1/outputs/: the public reads published outputs; members record and submit theirs,
curators decide, through the same services and refusals as the site and the admin."""

import datetime as dt

import pytest

from findings.enums import FindingStatus
from findings.output_models import Output
from tests.factories import (
    FindingFactory,
    OutputFactory,
    PublishedFindingFactory,
    PublishedOutputFactory,
)

NEW_OUTPUT = {
    "consortium": "silk",
    "type": "white_paper",
    "title": "Social value white paper",
    "language": "en",
    "licence": "CC-BY-4.0",
    "link": "https://example.org/white-paper.pdf",
}


@pytest.fixture
def paper(consortium_a):
    return PublishedOutputFactory(
        consortium=consortium_a, slug="paper", title="Paper", date=dt.date(2022, 3, 4)
    )


@pytest.fixture
def draft(consortium_a, member_a):
    return OutputFactory(consortium=consortium_a, author=member_a, slug="draft", title="Zqdraft")


def test_public_list_holds_published_outputs_only(api, paper, draft, consortium_a):
    for status in (FindingStatus.SUBMITTED, FindingStatus.REJECTED, FindingStatus.WITHDRAWN):
        OutputFactory(consortium=consortium_a, status=status)
    response = api.get("/api/v1/outputs/")
    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == ["paper"]


def test_public_detail(api, paper, consortium_a):
    PublishedFindingFactory(consortium=consortium_a, slug="shown").outputs.set([paper])
    FindingFactory(consortium=consortium_a, slug="hidden").outputs.set([paper])
    body = api.get("/api/v1/outputs/paper/").json()
    assert {
        key: body[key] for key in ("slug", "type", "status", "date", "licence", "findings")
    } == {
        "slug": "paper",
        "type": "report",
        "status": "published",
        "date": "2022-03-04",
        "licence": "",
        "findings": ["shown"],
    }
    assert body["html_url"] == "http://testserver/en/outputs/paper/"


def test_unpublished_output_is_404_to_the_public_and_other_consortia(
    api, draft, as_member_b, as_member_a
):
    assert api.get("/api/v1/outputs/draft/").status_code == 404
    assert as_member_b.get("/api/v1/outputs/draft/").status_code == 404
    assert as_member_a.get("/api/v1/outputs/draft/").json()["status"] == "draft"


def test_filters(api, paper, consortium_b):
    PublishedOutputFactory(consortium=consortium_b, output_type="dataset", date=dt.date(2021, 1, 1))
    assert [i["slug"] for i in api.get("/api/v1/outputs/?year=2022").json()["results"]] == ["paper"]
    assert api.get("/api/v1/outputs/?type=dataset").json()["count"] == 1
    assert api.get("/api/v1/outputs/?consortium=silk").json()["count"] == 1
    bad = api.get("/api/v1/outputs/?type=novel")
    assert bad.status_code == 400


def test_member_records_and_submits(as_member_a, member_a):
    created = as_member_a.post("/api/v1/outputs/", NEW_OUTPUT, format="json")
    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    slug = created.json()["slug"]
    submitted = as_member_a.post(f"/api/v1/outputs/{slug}/submit/", {}, format="json")
    assert submitted.status_code == 200
    assert Output.objects.get(slug=slug).status == FindingStatus.SUBMITTED


def test_member_cannot_record_for_another_consortium(as_member_b, consortium_a):
    response = as_member_b.post("/api/v1/outputs/", NEW_OUTPUT, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "You can only record outputs for a consortium you belong to.",
        "code": "not_permitted",
    }
    assert not Output.objects.exists()


def test_anonymous_cannot_write(api, consortium_a):
    response = api.post("/api/v1/outputs/", NEW_OUTPUT, format="json")
    assert response.status_code == 401
    assert not Output.objects.exists()


def test_bad_input_is_400_with_field_errors(as_member_a, consortium_a):
    response = as_member_a.post(
        "/api/v1/outputs/",
        {"consortium": "silk", "type": "novel", "title": "", "link": "nope", "date": "soon"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert sorted(body["errors"]) == ["date", "link", "title", "type"]


def test_bad_doi_is_400(as_member_a, consortium_a):
    response = as_member_a.post("/api/v1/outputs/", {**NEW_OUTPUT, "doi": "no doi"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "doi": ["Enter a DOI such as 10.5281/zenodo.1234567 (no spaces, quotes or braces)."]
    }


def test_member_cannot_publish(as_member_a, draft, member_a):
    as_member_a.post("/api/v1/outputs/draft/submit/", {}, format="json")
    response = as_member_a.post("/api/v1/outputs/draft/publish/", {}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only curators can publish outputs."


def test_curator_publishes_and_reject_needs_a_comment(as_member_a, as_curator, draft):
    as_member_a.post("/api/v1/outputs/draft/submit/", {}, format="json")
    rejected = as_curator.post("/api/v1/outputs/draft/reject/", {}, format="json")
    assert rejected.status_code == 400
    assert rejected.json()["errors"] == {
        "comment": [
            "Please say why in a comment: you cannot reject an output without one, and the "
            "members will read it."
        ]
    }
    published = as_curator.post("/api/v1/outputs/draft/publish/", {}, format="json")
    assert (published.status_code, published.json()["status"]) == (200, "published")


def test_publishing_a_draft_is_409(as_curator, draft):
    response = as_curator.post("/api/v1/outputs/draft/publish/", {}, format="json")
    assert response.status_code == 409


def test_another_consortium_cannot_change_a_draft(as_member_b, draft):
    response = as_member_b.patch("/api/v1/outputs/draft/", {"title": "Mine"}, format="json")
    assert response.status_code == 404
    assert Output.objects.get(pk=draft.pk).title == "Zqdraft"


def test_finding_rests_on_outputs_through_the_api(as_member_a, paper, consortium_b):
    foreign_draft = OutputFactory(consortium=consortium_b, slug="foreign-draft")
    created = as_member_a.post(
        "/api/v1/findings/",
        {"consortium": "silk", "title": "T", "summary": "S", "outputs": ["paper"]},
        format="json",
    )
    assert created.status_code == 201
    refused = as_member_a.post(
        "/api/v1/findings/",
        {"consortium": "silk", "title": "T", "summary": "S", "outputs": [foreign_draft.slug]},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "outputs": ["A finding can rest only on your consortium's outputs and published ones."]
    }


def test_list_runs_a_fixed_number_of_queries(api, consortium_a, django_assert_max_num_queries):
    for _ in range(3):
        PublishedOutputFactory(consortium=consortium_a)
    # Their files are one query more (a prefetch, whatever their number).
    with django_assert_max_num_queries(7):
        api.get("/api/v1/outputs/")
    for _ in range(20):
        PublishedOutputFactory(consortium=consortium_a)
    with django_assert_max_num_queries(7):
        assert api.get("/api/v1/outputs/").status_code == 200


def test_schema_documents_the_outputs(api):
    schema = api.get("/api/schema/").content.decode()
    assert "  /api/v1/outputs/{slug}/publish/:\n" in schema
    assert "  /api/v1/outputs/:\n" in schema


# ------------------------------------------------------------ the finding's read side: outputs


def test_finding_read_names_its_published_outputs_only(api, paper, draft, consortium_a):
    withdrawn = PublishedOutputFactory(
        consortium=consortium_a, slug="withdrawn-paper", status=FindingStatus.WITHDRAWN
    )
    atlas = PublishedOutputFactory(consortium=consortium_a, slug="atlas", title="Atlas")
    finding = PublishedFindingFactory(consortium=consortium_a, slug="rests")
    finding.outputs.set([paper, draft, withdrawn, atlas])
    PublishedFindingFactory(consortium=consortium_a, slug="alone")

    detail = api.get("/api/v1/findings/rests/").json()
    listed = {
        item["slug"]: item["outputs"] for item in api.get("/api/v1/findings/").json()["results"]
    }

    assert detail["outputs"] == ["atlas", "paper"]
    assert listed == {"rests": ["atlas", "paper"], "alone": []}


def test_finding_list_item_cache_learns_of_a_newly_published_output(
    api, as_member_a, as_curator, draft, consortium_a, django_capture_on_commit_callbacks
):
    finding = PublishedFindingFactory(consortium=consortium_a, slug="rests")
    finding.outputs.set([draft])
    assert api.get("/api/v1/findings/").json()["results"][0]["outputs"] == []
    with django_capture_on_commit_callbacks(execute=True):
        submitted = as_member_a.post("/api/v1/outputs/draft/submit/", {}, format="json")
        published = as_curator.post("/api/v1/outputs/draft/publish/", {}, format="json")
    assert (submitted.status_code, published.status_code) == (200, 200)
    assert api.get("/api/v1/findings/").json()["results"][0]["outputs"] == ["draft"]


def test_schema_documents_the_finding_outputs(api):
    import yaml

    schema = yaml.safe_load(api.get("/api/schema/").content)
    finding_list = schema["components"]["schemas"]["FindingList"]["properties"]["outputs"]
    assert finding_list["type"] == "array"
    assert finding_list["items"] == {"type": "string"}
    assert finding_list["readOnly"] is True
    assert "published outputs" in finding_list["description"]


def test_an_output_without_a_link_says_null_never_an_empty_address(api, consortium_a):
    PublishedOutputFactory(consortium=consortium_a, slug="unlinked", url="")
    PublishedOutputFactory(consortium=consortium_a, slug="linked", url="https://example.org/a")

    assert api.get("/api/v1/outputs/unlinked/").json()["link"] is None
    assert api.get("/api/v1/outputs/linked/").json()["link"] == "https://example.org/a"


def test_an_empty_typed_filter_is_a_400(api, paper):
    for query in ("language=", "licence=", "type=", "year="):
        response = api.get(f"/api/v1/outputs/?{query}")
        assert response.status_code == 400, query
    assert api.get("/api/v1/outputs/?consortium=").status_code == 200  # a slug: no filter
