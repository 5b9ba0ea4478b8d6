"""What the audit log records besides sign-ins: password resets, API tokens made, used,
refused and revoked, and every step of a finding's review."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consortia.tokens import api_token_authenticate, api_token_create, api_token_revoke
from findings import services
from findings.exceptions import NotPermitted
from tests.factories import FindingFactory, UserFactory

ADDRESS = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_REQUEST_ID": "req-0000000042"}
WHERE = {"address": "203.0.113.9", "request_id": "req-0000000042"}
NOWHERE = {"address": None, "request_id": None}


def test_a_reset_e_mail_is_recorded_for_its_account_and_a_miss_is_not(client, db, audit_log):
    ana = UserFactory(username="ana", email="ana@example.org")

    client.post(reverse("password_reset"), {"email": "ana@example.org"}, **ADDRESS)
    client.post(reverse("password_reset"), {"email": "nobody@example.org"}, **ADDRESS)

    assert audit_log.entries() == [
        {"event": "password_reset_requested", "user": ana.pk, **WHERE},
    ]
    assert "ana@" not in "".join(audit_log.lines())


def test_tokens_made_used_and_revoked_are_recorded(member_a, audit_log):
    token, key = api_token_create(user=member_a, name="script")
    api_token_authenticate(key)
    api_token_authenticate(key)  # Within the minute: one use recorded, as last_used_at is.
    api_token_revoke(token=token)
    api_token_revoke(token=token)

    assert audit_log.entries() == [
        {"event": "token_created", "user": member_a.pk, **NOWHERE, "token": token.pk},
        {"event": "token_used", "user": member_a.pk, **NOWHERE, "token": token.pk},
        {"event": "token_revoked", "user": member_a.pk, **NOWHERE, "token": token.pk},
    ]


def test_a_refused_token_is_recorded_with_the_caller_s_address(db, audit_log):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-key-of-ours")

    assert api.get("/api/v1/tokens/", **ADDRESS).status_code == 401

    assert audit_log.entries() == [{"event": "token_refused", "user": None, **WHERE}]


def test_a_token_made_through_the_api_is_recorded_with_the_request(member_a, audit_log):
    api = APIClient()
    api.force_authenticate(member_a)

    made = api.post("/api/v1/tokens/", {"name": "script"}, format="json", **ADDRESS)

    assert audit_log.entries() == [
        {"event": "token_created", "user": member_a.pk, **WHERE, "token": made.json()["id"]}
    ]


@pytest.mark.parametrize(
    ("steps", "decisions"),
    [
        ([services.finding_publish], ["submit", "publish"]),
        ([services.finding_request_changes], ["submit", "request_changes"]),
        ([services.finding_reject], ["submit", "reject"]),
        ([services.finding_publish, services.finding_withdraw], ["submit", "publish", "withdraw"]),
    ],
)
def test_every_review_decision_is_recorded(
    member_a, curator, consortium_a, audit_log, django_capture_on_commit_callbacks, steps, decisions
):
    finding = FindingFactory(consortium=consortium_a, author=member_a)
    with django_capture_on_commit_callbacks(execute=True):
        reviews = [services.finding_submit(finding=finding, user=member_a)]
        reviews += [step(finding=finding, user=curator, comment="Because.") for step in steps]

    assert audit_log.entries() == [
        {
            "event": "review_decision",
            "user": review.reviewer_id,
            **NOWHERE,
            "decision": decision,
            "finding": finding.pk,
            "review": review.pk,
        }
        for review, decision in zip(reviews, decisions, strict=True)
    ]


def test_a_refused_decision_is_not_recorded(
    member_a, consortium_a, audit_log, django_capture_on_commit_callbacks
):
    finding = FindingFactory(consortium=consortium_a, author=member_a)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotPermitted):
        services.finding_publish(finding=finding, user=member_a)

    assert audit_log.entries() == []


def test_a_decision_in_the_api_carries_the_request(
    member_a, curator, consortium_a, audit_log, django_capture_on_commit_callbacks
):
    finding = FindingFactory(consortium=consortium_a, author=member_a, slug="f")
    services.finding_submit(finding=finding, user=member_a)
    api = APIClient()
    api.force_authenticate(curator)

    with django_capture_on_commit_callbacks(execute=True):
        published = api.post("/api/v1/findings/f/publish/", {}, format="json", **ADDRESS)

    assert published.status_code == 200
    (entry,) = audit_log.entries()
    assert entry == {
        "event": "review_decision",
        "user": curator.pk,
        **WHERE,
        "decision": "publish",
        "finding": finding.pk,
        "review": finding.reviews.get(decision="publish").pk,
    }
