"""Members write findings through the API with the same rules as the site and the admin."""

import pytest

from findings.enums import FindingStatus, ReviewDecision
from findings.models import Finding, Review
from tests.factories import FindingFactory, PublishedFindingFactory, ThemeFactory, sdg

pytestmark = pytest.mark.django_db

NEW_FINDING = {
    "consortium": "silk",
    "title": "Collaborators matter more",
    "summary": "Intangible assets weigh more for SSE organisations.",
    "body": "See the **white paper**.",
    "themes": ["internationalisation"],
    "sdgs": [8, 17],
    "countries": ["BE", "IT"],
    "sources": [{"label": "White paper", "url": "https://example.org/silk.pdf"}],
}


@pytest.fixture
def theme(db):
    return ThemeFactory(slug="internationalisation")


@pytest.fixture
def draft_a(consortium_a, member_a):
    return FindingFactory(consortium=consortium_a, author=member_a, slug="draft-a")


def status_of(slug):
    return Finding.objects.get(slug=slug).status


def test_member_creates_a_draft_for_their_consortium(as_member_a, member_a, theme):
    response = as_member_a.post("/api/v1/findings/", NEW_FINDING, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    finding = Finding.objects.get(slug="collaborators-matter-more")
    assert body["slug"] == "collaborators-matter-more"
    assert body["status"] == "draft"
    assert body["version"] == 1
    assert response["ETag"] == '"1"'
    assert response["Location"] == "http://testserver/api/v1/findings/collaborators-matter-more/"
    assert finding.author == member_a
    assert [t.slug for t in finding.themes.all()] == ["internationalisation"]
    assert sorted(finding.sdgs.values_list("number", flat=True)) == [8, 17]
    assert [c.code for c in finding.countries] == ["BE", "IT"]
    assert list(finding.sources.values_list("label", "url")) == [
        ("White paper", "https://example.org/silk.pdf")
    ]


def test_member_cannot_create_for_another_consortium(as_member_b, consortium_a, theme):
    response = as_member_b.post("/api/v1/findings/", NEW_FINDING, format="json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "You can only write findings for a consortium you belong to.",
        "code": "not_permitted",
    }
    assert not Finding.objects.exists()


def test_anonymous_cannot_write(api, consortium_a, draft_a):
    created = api.post("/api/v1/findings/", NEW_FINDING, format="json")
    changed = api.patch("/api/v1/findings/draft-a/", {"title": "X", "version": 1}, format="json")

    assert created.status_code == 401
    assert created.json()["code"] == "not_authenticated"
    assert changed.status_code == 401
    assert Finding.objects.count() == 1


def test_create_with_invalid_fields_is_400_with_field_errors(as_member_a, consortium_a):
    response = as_member_a.post(
        "/api/v1/findings/",
        {
            "consortium": "silk",
            "title": "",
            "sdgs": [18],
            "countries": ["XX"],
            "sources": [{"label": "x", "url": "not a url"}],
        },  # fmt: skip
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert sorted(body["errors"]) == ["countries.0", "sdgs", "sources.0.url", "summary", "title"]


@pytest.mark.parametrize("payload", ["[]", '"text"', "{", "null"])
def test_malformed_json_is_400_not_500(as_member_a, payload):
    response = as_member_a.post("/api/v1/findings/", payload, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] in {"invalid", "parse_error"}


def test_update_with_version_field_changes_the_draft(as_member_a, draft_a):
    response = as_member_a.patch(
        "/api/v1/findings/draft-a/", {"title": "Better title", "version": 1}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Better title"
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'


def test_member_cannot_set_a_doi(as_member_a, draft_a):
    response = as_member_a.patch(
        "/api/v1/findings/draft-a/",
        {"title": "Better title", "doi": "10.5281/zenodo.1234567", "version": 1},
        format="json",
    )

    # The write API takes the fields members write; the DOI, a curator's, is left as it was.
    draft_a.refresh_from_db()
    assert response.status_code == 200, response.content
    assert (draft_a.title, draft_a.doi, response.json()["doi"]) == ("Better title", "", "")


def test_update_with_if_match_changes_the_draft(as_member_a, draft_a):
    etag = as_member_a.get("/api/v1/findings/draft-a/")["ETag"]

    response = as_member_a.patch(
        "/api/v1/findings/draft-a/", {"sdgs": [5]}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200
    assert [g.number for g in Finding.objects.get(slug="draft-a").sdgs.all()] == [5]


def test_stale_if_match_is_412_and_changes_nothing(as_member_a, draft_a):
    as_member_a.patch("/api/v1/findings/draft-a/", {"title": "First", "version": 1}, format="json")

    response = as_member_a.patch(
        "/api/v1/findings/draft-a/", {"title": "Second"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 412
    assert response.json()["code"] == "stale_version"
    assert response.json()["expected_version"] == 1
    assert response.json()["version"] == 2
    assert Finding.objects.get(slug="draft-a").title == "First"


def test_stale_version_field_is_409_and_changes_nothing(as_member_a, draft_a):
    as_member_a.patch("/api/v1/findings/draft-a/", {"title": "First", "version": 1}, format="json")

    response = as_member_a.patch(
        "/api/v1/findings/draft-a/", {"title": "Second", "version": 1}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    assert Finding.objects.get(slug="draft-a").title == "First"


def test_update_without_any_version_is_428(as_member_a, draft_a):
    response = as_member_a.patch("/api/v1/findings/draft-a/", {"title": "X"}, format="json")

    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    assert Finding.objects.get(slug="draft-a").title == draft_a.title


def test_malformed_if_match_is_400(as_member_a, draft_a):
    response = as_member_a.patch(
        "/api/v1/findings/draft-a/", {"title": "X"}, format="json", HTTP_IF_MATCH="abc"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["If-Match"]


def test_put_is_not_offered(as_member_a, draft_a):
    response = as_member_a.put("/api/v1/findings/draft-a/", {"title": "X"}, format="json")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "PUT" not allowed.', "code": "method_not_allowed"}


def test_member_submits_and_cannot_publish_their_own(as_member_a, draft_a):
    submitted = as_member_a.post("/api/v1/findings/draft-a/submit/", {}, format="json")
    publish = as_member_a.post("/api/v1/findings/draft-a/publish/", {}, format="json")

    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert publish.status_code == 403
    assert publish.json() == {
        "detail": "Only curators can publish findings.",
        "code": "not_permitted",
    }
    assert status_of("draft-a") == FindingStatus.SUBMITTED


def test_member_cannot_edit_a_submitted_finding(as_member_a, draft_a):
    as_member_a.post("/api/v1/findings/draft-a/submit/", {}, format="json")

    response = as_member_a.patch(
        "/api/v1/findings/draft-a/", {"title": "X", "version": 2}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"


def test_curator_requests_changes_only_with_a_comment(as_member_a, as_curator, draft_a):
    as_member_a.post("/api/v1/findings/draft-a/submit/", {}, format="json")

    without = as_curator.post("/api/v1/findings/draft-a/request-changes/", {}, format="json")
    with_comment = as_curator.post(
        "/api/v1/findings/draft-a/request-changes/",
        {"comment": "Cite the white paper."},
        format="json",
    )

    assert without.status_code == 400
    assert without.json()["code"] == "comment_required"
    assert list(without.json()["errors"]) == ["comment"]
    assert with_comment.status_code == 200
    assert with_comment.json()["status"] == "changes_requested"
    review = Review.objects.get(finding__slug="draft-a", decision=ReviewDecision.REQUEST_CHANGES)
    assert review.comment == "Cite the white paper."


def test_full_life_cycle_through_the_api(
    as_member_a, as_curator, api, draft_a, django_capture_on_commit_callbacks
):
    # Each change commits (as it does outside a test), so the anonymous reads see it.
    with django_capture_on_commit_callbacks(execute=True):
        as_member_a.post("/api/v1/findings/draft-a/submit/", {}, format="json")
        published = as_curator.post("/api/v1/findings/draft-a/publish/", {}, format="json")
    assert published.status_code == 200
    assert api.get("/api/v1/findings/draft-a/").json()["status"] == "published"

    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = as_curator.post(
            "/api/v1/findings/draft-a/withdraw/", {"comment": "Superseded."}, format="json"
        )

    assert withdrawn.status_code == 200
    assert api.get("/api/v1/findings/draft-a/").json()["withdrawn"] is True
    assert list(
        Review.objects.filter(finding__slug="draft-a").values_list("decision", flat=True)
    ) == ["submit", "publish", "withdraw"]


def test_curator_reject_needs_a_submission(as_curator, draft_a):
    response = as_curator.post(
        "/api/v1/findings/draft-a/reject/", {"comment": "Out of scope."}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"
    assert status_of("draft-a") == FindingStatus.DRAFT


def test_decision_with_stale_if_match_is_412(as_member_a, draft_a):
    response = as_member_a.post(
        "/api/v1/findings/draft-a/submit/", {}, format="json", HTTP_IF_MATCH='"7"'
    )

    assert response.status_code == 412
    assert status_of("draft-a") == FindingStatus.DRAFT


# The permission matrix of the site (tests/members), through the API: who may take which step
# on a finding of consortium A in which state. "404" means the caller cannot even see it.
MATRIX = [
    # (caller, state, action, expected status)
    ("member_a", "draft", "submit", 200),
    ("member_b", "draft", "submit", 404),
    ("curator", "draft", "submit", 403),
    ("member_a", "changes_requested", "submit", 200),
    ("member_a", "submitted", "publish", 403),
    ("member_b", "submitted", "publish", 404),
    ("curator", "submitted", "publish", 200),
    ("member_a", "submitted", "reject", 403),
    ("curator", "submitted", "reject", 200),
    ("member_a", "submitted", "request-changes", 403),
    ("curator", "submitted", "request-changes", 200),
    ("member_a", "published", "withdraw", 403),
    ("member_b", "published", "withdraw", 403),
    ("curator", "published", "withdraw", 200),
    ("curator", "withdrawn", "publish", 409),
    ("curator", "rejected", "publish", 409),
    ("member_a", "published", "submit", 409),
]


@pytest.mark.parametrize(("caller", "state", "action", "expected"), MATRIX)
def test_permission_matrix(request, consortium_a, caller, state, action, expected):
    client = request.getfixturevalue(f"as_{caller}")
    FindingFactory(consortium=consortium_a, slug="subject", status=state)

    response = client.post(
        f"/api/v1/findings/subject/{action}/", {"comment": "Because."}, format="json"
    )

    assert response.status_code == expected, response.content
    if expected != 200:
        assert status_of("subject") == state


@pytest.mark.parametrize(
    ("caller", "state", "expected"),
    [
        ("member_a", "draft", 200),
        ("member_a", "changes_requested", 200),
        ("member_a", "submitted", 409),
        ("member_a", "published", 409),
        ("member_b", "draft", 404),
        ("member_b", "published", 403),
        ("curator", "published", 200),
    ],
)
def test_edit_matrix(request, consortium_a, caller, state, expected):
    client = request.getfixturevalue(f"as_{caller}")
    FindingFactory(consortium=consortium_a, slug="subject", status=state, title="Before")

    response = client.patch(
        "/api/v1/findings/subject/", {"title": "After", "version": 1}, format="json"
    )

    assert response.status_code == expected, response.content
    assert Finding.objects.get(slug="subject").title == ("After" if expected == 200 else "Before")


def test_session_authentication_needs_csrf_for_writes(member_a, draft_a):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member_a)

    response = client.patch(
        "/api/v1/findings/draft-a/", {"title": "X", "version": 1}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert client.get("/api/v1/findings/draft-a/").status_code == 200


def test_published_finding_with_sdg_reads_back_after_curator_edit(as_curator, consortium_a):
    PublishedFindingFactory(consortium=consortium_a, slug="pub", sdgs=[sdg(1)])

    response = as_curator.patch("/api/v1/findings/pub/", {"sdgs": [2]}, format="json",
                                HTTP_IF_MATCH='W/"1"')  # fmt: skip

    assert response.status_code == 200
    assert [g["number"] for g in response.json()["sdgs"]] == [2]
    assert response.json()["status"] == "published"
