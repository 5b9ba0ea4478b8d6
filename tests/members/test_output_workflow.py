"""Outputs go through the findings' review: members record and submit, coordinators sign off,
curators decide; each refusal is one sentence, the same at every door."""

import pytest
from django.urls import reverse

from findings import output_services, output_workflow
from findings.enums import FindingStatus, ReviewDecision
from findings.exceptions import CommentRequired, NotPermitted, TransitionNotAllowed
from findings.output_models import Output, OutputReview
from tests.factories import OutputFactory
from tests.two_factor import force_login_confirmed


@pytest.fixture
def draft(consortium_a, member_a):
    return OutputFactory(
        consortium=consortium_a, author=member_a, slug="white-papers", title="White papers"
    )


def test_member_submits_their_consortium_draft_to_the_curators(draft, member_a):
    review = output_services.output_decide(output=draft, user=member_a, action="submit")
    draft.refresh_from_db()
    assert (draft.status, review.decision, review.reviewer) == (
        FindingStatus.SUBMITTED,
        ReviewDecision.SUBMIT,
        member_a,
    )


def test_submission_goes_to_the_coordinator_when_the_consortium_asks(
    draft, member_a, coordinator_a, consortium_a
):
    consortium_a.requires_coordinator_signoff = True
    consortium_a.save()
    output_services.output_decide(output=draft, user=member_a, action="submit")
    draft.refresh_from_db()
    assert draft.status == FindingStatus.AWAITING_SIGNOFF
    output_services.output_decide(output=draft, user=coordinator_a, action="approve")
    draft.refresh_from_db()
    assert draft.status == FindingStatus.SUBMITTED


def test_coordinator_cannot_sign_off_an_output_they_recorded(consortium_a, coordinator_a):
    output = OutputFactory(
        consortium=consortium_a, author=coordinator_a, status=FindingStatus.AWAITING_SIGNOFF
    )
    with pytest.raises(NotPermitted) as refused:
        output_services.output_decide(output=output, user=coordinator_a, action="approve")
    assert str(refused.value) == (
        "You recorded this output yourself: another coordinator of SILK must sign it off."
    )


def test_member_of_another_consortium_cannot_submit(draft, member_b):
    with pytest.raises(NotPermitted) as refused:
        output_services.output_decide(output=draft, user=member_b, action="submit")
    assert str(refused.value) == "Only members of SILK can submit this output."
    assert Output.objects.get(pk=draft.pk).status == FindingStatus.DRAFT


def test_member_of_another_consortium_cannot_edit(draft, member_b):
    with pytest.raises(NotPermitted) as refused:
        output_services.output_update(output=draft, user=member_b, title="Taken over")
    assert str(refused.value) == "You can only edit outputs of a consortium you belong to."
    assert Output.objects.get(pk=draft.pk).title == "White papers"


def test_member_cannot_record_an_output_for_another_consortium(member_b, consortium_a):
    with pytest.raises(NotPermitted) as refused:
        output_services.output_create(user=member_b, consortium=consortium_a, title="Not ours")
    assert str(refused.value) == "You can only record outputs for a consortium you belong to."
    assert Output.objects.count() == 0


def test_members_cannot_publish(draft, member_a):
    output_services.output_decide(output=draft, user=member_a, action="submit")
    with pytest.raises(NotPermitted) as refused:
        output_services.output_decide(output=draft, user=member_a, action="publish")
    assert str(refused.value) == "Only curators can publish outputs."


def test_curator_publishes_a_submitted_output(draft, member_a, curator):
    output_services.output_decide(output=draft, user=member_a, action="submit")
    output_services.output_decide(output=draft, user=curator, action="publish")
    draft.refresh_from_db()
    assert draft.status == FindingStatus.PUBLISHED
    assert draft.published_at is not None
    assert list(OutputReview.objects.values_list("decision", flat=True)) == ["submit", "publish"]


def test_curator_cannot_publish_a_draft(draft, curator):
    with pytest.raises(TransitionNotAllowed) as refused:
        output_services.output_decide(output=draft, user=curator, action="publish")
    assert str(refused.value) == (
        'You cannot publish this output while its status is "Draft"; this is only possible '
        'when it is "Submitted for review".'
    )


def test_rejecting_needs_a_comment(draft, member_a, curator):
    output_services.output_decide(output=draft, user=member_a, action="submit")
    with pytest.raises(CommentRequired) as refused:
        output_services.output_decide(output=draft, user=curator, action="reject")
    assert str(refused.value) == (
        "Please say why in a comment: you cannot reject an output without one, and the "
        "members will read it."
    )


def test_members_cannot_edit_a_submitted_output(draft, member_a):
    output_services.output_decide(output=draft, user=member_a, action="submit")
    with pytest.raises(TransitionNotAllowed) as refused:
        output_services.output_update(output=draft, user=member_a, title="Late change")
    assert str(refused.value) == (
        'This output cannot be edited while its status is "Submitted for review"; members '
        "edit drafts and outputs with changes requested."
    )


def test_the_findings_table_keeps_its_own_sentences():
    """Generalising the table changed nothing for findings."""
    from findings import workflow

    assert str(workflow.TRANSITIONS["publish"].refused) == "Only curators can publish findings."
    assert str(output_workflow.OUTPUT_TRANSITIONS["publish"].refused) == (
        "Only curators can publish outputs."
    )


# ---------------------------------------------------------------- the members' pages


def test_member_records_an_output_on_the_site(client, member_a, consortium_a):
    client.force_login(member_a)
    response = client.post(
        reverse("members:output_create"),
        {
            "consortium": consortium_a.pk,
            "output_type": "white_paper",
            "title": "Our white paper",
            "language": "en",
            "licence": "CC-BY-4.0",
        },
    )
    output = Output.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("members:output_detail", args=[output.slug])
    assert (output.title, output.status, output.author) == (
        "Our white paper",
        FindingStatus.DRAFT,
        member_a,
    )


def test_bad_input_is_a_form_error(client, member_a, consortium_a):
    client.force_login(member_a)
    response = client.post(
        reverse("members:output_create"),
        {
            "consortium": consortium_a.pk,
            "output_type": "novel",
            "title": "",
            "language": "en",
            "url": "not an address",
            "doi": "no doi",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert sorted(errors) == ["doi", "output_type", "title", "url"]
    assert Output.objects.count() == 0


def test_member_submits_on_the_site(client, draft, member_a):
    client.force_login(member_a)
    response = client.post(
        reverse("members:output_step", args=[draft.slug, "submit"]), {"version": 1}
    )
    assert response.status_code == 302
    assert Output.objects.get(pk=draft.pk).status == FindingStatus.SUBMITTED


def test_another_consortium_cannot_see_or_submit_on_the_site(client, draft, member_b):
    client.force_login(member_b)
    assert client.get(reverse("members:output_detail", args=[draft.slug])).status_code == 404
    response = client.post(
        reverse("members:output_step", args=[draft.slug, "submit"]), {"version": 1}
    )
    assert response.status_code == 404
    assert Output.objects.get(pk=draft.pk).status == FindingStatus.DRAFT


def test_publishing_is_not_offered_on_the_members_site(client, draft, member_a):
    client.force_login(member_a)
    response = client.post(
        reverse("members:output_step", args=[draft.slug, "publish"]), {"version": 1}
    )
    assert response.status_code == 404


def test_editing_a_submitted_output_is_refused_with_the_sentence(client, draft, member_a):
    output_services.output_decide(output=draft, user=member_a, action="submit")
    client.force_login(member_a)
    response = client.get(reverse("members:output_edit", args=[draft.slug]))
    assert response.status_code == 409
    assert response.context["error"].message == (
        'This output cannot be edited while its status is "Submitted for review"; members '
        "edit drafts and outputs with changes requested."
    )


def test_dashboard_lists_the_consortium_outputs(client, draft, member_a, member_b):
    client.force_login(member_a)
    assert [o.slug for o in client.get(reverse("members:dashboard")).context["outputs"]] == [
        "white-papers"
    ]
    client.force_login(member_b)
    assert client.get(reverse("members:dashboard")).context["outputs"] == []


# ---------------------------------------------------------------- the admin


def test_curator_publishes_in_the_admin(client, draft, member_a, curator):
    output_services.output_decide(output=draft, user=member_a, action="submit")
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_output_change", args=[draft.pk])
    form = client.get(url).context["adminform"].form
    assert [value for value, _label in form.fields["decision"].choices] == [
        "",
        "publish",
        "request_changes",
        "reject",
    ]
    data = {
        "consortium": draft.consortium_id,
        "output_type": draft.output_type,
        "title": draft.title,
        "slug": draft.slug,
        "summary": draft.summary,
        "date": "2022-06-15",
        "language": "en",
        "licence": "",
        "url": "",
        "doi": "",
        "author": member_a.pk,
        "decision": "publish",
        "decision_comment": "",
        "reviews-TOTAL_FORMS": "1",
        "reviews-INITIAL_FORMS": "1",
        "reviews-MIN_NUM_FORMS": "0",
        "reviews-MAX_NUM_FORMS": "1000",
        "reviews-0-id": str(draft.reviews.get().pk),
        "reviews-0-output": str(draft.pk),
        # The files' inline (findings.output_admin.OutputFileInline), empty.
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Output.objects.get(pk=draft.pk).status == FindingStatus.PUBLISHED


def test_admin_rejection_without_a_comment_is_a_form_error(client, draft, member_a, curator):
    output_services.output_decide(output=draft, user=member_a, action="submit")
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_output_change", args=[draft.pk])
    data = {
        "consortium": draft.consortium_id,
        "output_type": draft.output_type,
        "title": draft.title,
        "slug": draft.slug,
        "language": "en",
        "decision": "reject",
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
        "reviews-MIN_NUM_FORMS": "0",
        "reviews-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["decision_comment"] == [
        "Please say why in a comment: you cannot reject an output without one, and the "
        "members will read it."
    ]
    assert Output.objects.get(pk=draft.pk).status == FindingStatus.SUBMITTED
