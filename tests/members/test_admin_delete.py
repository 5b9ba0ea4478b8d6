"""Deleting findings in the admin goes through findings.services.finding_delete: a draft
goes with its attachments' files, anything with a review record is refused with a message."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from findings import services
from findings.models import Attachment, Finding
from tests.factories import UserFactory
from tests.members.conftest import stored_files
from tests.members.test_admin_review import admin_change_data
from tests.members.test_attachments import PDF, upload
from tests.two_factor import force_login_confirmed

REFUSAL = "Only a draft can be deleted: reject a submitted finding, withdraw a published one."


def with_attachment(finding, user, name="report.pdf"):
    services.finding_update(
        finding=finding,
        user=user,
        expected_version=finding.version,
        add_attachments=[{"title": "Report", "file": upload(name, PDF)}],
    )
    finding.refresh_from_db()
    return finding


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_admin_delete_page_removes_a_draft_and_its_files(
    client, curator, member_a, draft_a, media, django_capture_on_commit_callbacks
):
    with_attachment(draft_a, member_a)
    assert stored_files(media) == [f"findings/{draft_a.pk}/report.pdf"]
    force_login_confirmed(client, curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:findings_finding_delete", args=[draft_a.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:findings_finding_changelist")
    assert Finding.objects.filter(pk=draft_a.pk).exists() is False
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_admin_bulk_delete_removes_drafts_and_their_files(
    client, curator, member_a, finding_in, media, django_capture_on_commit_callbacks
):
    first = with_attachment(finding_in("draft", slug="first"), member_a, "one.pdf")
    second = with_attachment(finding_in("draft", slug="second"), member_a, "two.pdf")
    force_login_confirmed(client, curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:findings_finding_changelist"),
            {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert messages_of(response) == ["Successfully deleted 2 findings."]
    assert Finding.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_admin_refuses_to_delete_a_published_finding_with_a_message(
    client, curator, member_a, finding_in, media, method
):
    published = finding_in("published")
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_delete", args=[published.pk])
    response = getattr(client, method)(url, {"post": "yes"} if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:findings_finding_change", args=[published.pk])
    assert messages_of(response) == [f"“{published}” was not deleted. {REFUSAL}"]
    assert Finding.objects.filter(pk=published.pk).exists() is True


def test_admin_change_form_of_a_published_finding_offers_no_delete_link(
    client, curator, finding_in
):
    published = finding_in("published")
    force_login_confirmed(client, curator)
    response = client.get(reverse("admin:findings_finding_change", args=[published.pk]))
    assert response.context["has_delete_permission"] is False
    assert reverse("admin:findings_finding_delete", args=[published.pk]) not in (
        response.content.decode()
    )


def test_admin_bulk_delete_refuses_the_whole_selection_with_a_message(
    client, curator, member_a, finding_in, media, django_capture_on_commit_callbacks
):
    published = finding_in("published", slug="published-one")
    draft = with_attachment(finding_in("draft", slug="draft-one"), member_a)
    force_login_confirmed(client, curator)
    for confirmed in ({}, {"post": "yes"}):  # the confirmation page, then its Yes button
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:findings_finding_changelist"),
                {
                    "action": "delete_selected",
                    "_selected_action": [published.pk, draft.pk],
                    **confirmed,
                },
                follow=True,
            )
        assert response.redirect_chain == [(reverse("admin:findings_finding_changelist"), 302)]
        assert [str(message) for message in response.context["messages"]] == [
            f"Nothing was deleted: “{published}” cannot be deleted. {REFUSAL}"
        ]
    assert Finding.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2
    assert stored_files(media) == [f"findings/{draft.pk}/report.pdf"]


def test_review_queue_delete_page_says_why_instead_of_403(client, curator, finding_in):
    submitted = finding_in("submitted")
    force_login_confirmed(client, curator)
    response = client.post(
        reverse("admin:findings_submittedfinding_delete", args=[submitted.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:findings_submittedfinding_change", args=[submitted.pk]
    )
    assert messages_of(response) == [f"“{submitted}” was not deleted. {REFUSAL}"]
    assert Finding.objects.filter(pk=submitted.pk).exists() is True


def test_staff_without_curator_rights_is_refused_the_delete_page(client, draft_a):
    staff = UserFactory(username="staff-only", is_staff=True)
    force_login_confirmed(client, staff)
    response = client.post(
        reverse("admin:findings_finding_delete", args=[draft_a.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Finding.objects.filter(pk=draft_a.pk).exists() is True


def test_admin_inline_deletion_of_an_attachment_removes_its_file(
    client, curator, member_a, draft_a, media, django_capture_on_commit_callbacks
):
    with_attachment(draft_a, member_a)
    attachment = Attachment.objects.get()
    force_login_confirmed(client, curator)
    data = admin_change_data(
        draft_a,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": attachment.pk,
            "attachments-0-finding": draft_a.pk,
            "attachments-0-title": attachment.title,
            "attachments-0-DELETE": "on",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:findings_finding_change", args=[draft_a.pk]), data)
    assert response.status_code == 302
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []
