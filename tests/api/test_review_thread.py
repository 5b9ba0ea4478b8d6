"""The review thread through the API: for the consortium's members and the curators only."""

import pytest

from findings import services
from tests.factories import FindingFactory


@pytest.fixture
def changes_requested(consortium_a, member_a, curator):
    finding = FindingFactory(consortium=consortium_a, author=member_a, slug="thread-a")
    services.finding_submit(finding=finding, user=member_a)
    services.finding_request_changes(
        finding=finding, user=curator, comment="Please cite the white paper."
    )
    return finding


def test_member_reads_the_thread_oldest_first(as_member_a, changes_requested):
    response = as_member_a.get("/api/v1/findings/thread-a/reviews/")

    assert response.status_code == 200
    assert [(r["decision"], r["reviewer"], r["comment"]) for r in response.json()] == [
        ("submit", "member-a", ""),
        ("request_changes", "curator", "Please cite the white paper."),
    ]


def test_curator_reads_the_thread(as_curator, changes_requested):
    response = as_curator.get("/api/v1/findings/thread-a/reviews/")

    assert [r["decision"] for r in response.json()] == ["submit", "request_changes"]


def test_other_consortium_cannot_find_an_unpublished_thread(as_member_b, changes_requested):
    response = as_member_b.get("/api/v1/findings/thread-a/reviews/")

    assert response.status_code == 404


def test_thread_of_a_published_finding_stays_private(
    api, as_member_b, changes_requested, member_a, curator
):
    services.finding_submit(finding=changes_requested, user=member_a)
    changes_requested.refresh_from_db()
    services.finding_publish(finding=changes_requested, user=curator)

    anonymous = api.get("/api/v1/findings/thread-a/reviews/")
    other_member = as_member_b.get("/api/v1/findings/thread-a/reviews/")

    assert anonymous.status_code == 401
    assert other_member.status_code == 403
    assert other_member.json()["detail"] == (
        "The review thread is for the consortium's members and the curators."
    )
