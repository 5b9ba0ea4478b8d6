import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from findings import services
from findings.admin_review import diff_since_previous_submission
from findings.models import Finding, Review
from tests.factories import FindingFactory, ThemeFactory, sdg
from tests.two_factor import force_login_confirmed

VERSION_MESSAGE = "The page sent no valid version: reload it and decide again."


def admin_change_data(finding, **extra):
    data = {
        "consortium": finding.consortium_id,
        "language": finding.language,
        "title_en": finding.title,
        "slug": finding.slug,
        "summary_en": finding.summary,
        "body_en": finding.body,
        "expected_version": finding.version,
    }
    for prefix in ("sources", "evidence", "attachments", "reviews"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | extra


def test_queue_lists_submitted_findings_oldest_submission_first(
    client, curator, member_a, consortium_a
):
    newer = FindingFactory(consortium=consortium_a, title="Newer", slug="newer")
    older = FindingFactory(consortium=consortium_a, title="Older", slug="older")
    FindingFactory(consortium=consortium_a, title="Still a draft", slug="still-draft")
    services.finding_submit(finding=older, user=member_a)
    services.finding_submit(finding=newer, user=member_a)
    Review.objects.filter(finding=older).update(created_at=timezone.now() - dt.timedelta(days=2))
    force_login_confirmed(client, curator)
    response = client.get(reverse("admin:findings_submittedfinding_changelist"))
    assert [f.title for f in response.context["cl"].result_list] == ["Older", "Newer"]


def test_queue_is_listed_among_the_findings_models_on_the_admin_index(client, curator):
    force_login_confirmed(client, curator)
    response = client.get(reverse("admin:index"))
    findings_app = next(a for a in response.context["app_list"] if a["app_label"] == "findings")
    queue = next(m for m in findings_app["models"] if m["object_name"] == "SubmittedFinding")
    assert (str(queue["name"]), queue["admin_url"]) == (
        "Review queue: submitted findings",
        reverse("admin:findings_submittedfinding_changelist"),
    )


def test_review_page_shows_the_diff_since_the_previous_submission(
    client, curator, member_a, draft_a
):
    draft_a.body = "Cities convene.\nLocal administrations act."
    draft_a.save()
    services.finding_submit(finding=draft_a, user=member_a)
    services.finding_request_changes(finding=draft_a, user=curator, comment="Say how.")
    services.finding_update(
        finding=draft_a,
        user=member_a,
        expected_version=draft_a.version,
        body="Cities convene.\nLocal administrations act through platforms.",
    )
    services.finding_submit(finding=draft_a, user=member_a)
    diff = diff_since_previous_submission(draft_a)
    assert diff == [
        {
            "label": "Body",
            "lines": [
                {"text": "@@ -1,2 +1,2 @@", "kind": "hunk"},
                {"text": " Cities convene.", "kind": ""},
                {"text": "-Local administrations act.", "kind": "del"},
                {"text": "+Local administrations act through platforms.", "kind": "add"},
            ],
        }
    ]
    force_login_confirmed(client, curator)
    response = client.get(reverse("admin:findings_submittedfinding_change", args=[draft_a.pk]))
    assert response.context["diff"] == diff
    assert "+Local administrations act through platforms." in response.content.decode()


def test_first_submission_has_no_diff(member_a, draft_a):
    services.finding_submit(finding=draft_a, user=member_a)
    assert diff_since_previous_submission(draft_a) is None


def test_review_page_request_changes_needs_a_comment(client, curator, member_a, draft_a):
    services.finding_submit(finding=draft_a, user=member_a)
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_submittedfinding_change", args=[draft_a.pk])
    response = client.post(url, {"decision": "request_changes", "comment": "", "confirmed": "1"})
    # The refusal's answer, as in the API: 400 for a missing comment.
    assert response.status_code == 400
    assert response.context["form"].errors["comment"] == [
        "Please say why in a comment: you cannot request changes to a finding without one, and "
        "the members will read it."
    ]
    draft_a.refresh_from_db()
    assert draft_a.status == "submitted"
    response = client.post(
        url, {"decision": "request_changes", "comment": "Add sources.", "confirmed": "1"}
    )
    assert response["Location"] == reverse("admin:findings_submittedfinding_changelist")
    draft_a.refresh_from_db()
    review = draft_a.reviews.last()
    assert (draft_a.status, review.decision, review.reviewer, review.comment) == (
        "changes_requested",
        "request_changes",
        curator,
        "Add sources.",
    )


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"decision": "publish", "version": "2x"}, VERSION_MESSAGE),
        ({"decision": "publish", "version": "0"}, VERSION_MESSAGE),
        ({"decision": "publish", "version": ["1", "2x"]}, VERSION_MESSAGE),
        ({"decision": "delete", "version": "2"}, "Choose a decision."),
        ({"version": "2"}, "Choose a decision."),
    ],
)
def test_review_page_refuses_garbled_input_with_a_message(
    client, curator, member_a, draft_a, posted, message
):
    services.finding_submit(finding=draft_a, user=member_a)
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_submittedfinding_change", args=[draft_a.pk])
    response = client.post(url, {"comment": "Fine.", "confirmed": "1", **posted})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [message]
    draft_a.refresh_from_db()
    assert (draft_a.status, draft_a.reviews.count()) == ("submitted", 1)


def test_review_page_decides_with_the_version_it_showed(client, curator, member_a, draft_a):
    services.finding_submit(finding=draft_a, user=member_a)
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_submittedfinding_change", args=[draft_a.pk])
    stale = client.post(url, {"decision": "publish", "version": "1", "confirmed": "1"})
    assert stale.context["form"].errors["comment"] == [
        "Someone else saved this finding after you opened it (you edited version 1, it is now at "
        "version 2). Reload the page to see their changes, then apply yours again."
    ]
    response = client.post(url, {"decision": "publish", "version": "2", "confirmed": "1"})
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.status == "published"


def test_action_with_intermediate_comment_page(client, curator, finding_in):
    finding = finding_in("published")
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_changelist")
    selection = {"action": "decide_withdraw", "_selected_action": [finding.pk]}
    page = client.post(url, selection)
    assert page.templates[0].name == "admin/findings/decision_confirmation.html"
    assert page.context["comment_required"] is True
    refused = client.post(url, selection | {"apply": "1", "comment": ""}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == [
        f"“{finding}”: Please say why in a comment: you cannot withdraw a finding without one, "
        "and the members will read it."
    ]
    finding.refresh_from_db()
    assert finding.status == "published"
    done = client.post(
        url, selection | {"apply": "1", "comment": "Superseded by the 2022 paper."}, follow=True
    )
    assert [str(m) for m in done.context["messages"]] == [
        "1 finding withdrawn; the members were notified by e-mail."
    ]
    finding.refresh_from_db()
    assert finding.status == "withdrawn"
    assert (finding.reviews.last().decision, finding.reviews.last().reviewer) == (
        "withdraw",
        curator,
    )
    # The withdrawn finding's public page stays up, marked withdrawn.
    page = client.get(finding.get_absolute_url())
    assert page.status_code == 200
    assert '<div class="banner banner--withdrawn" role="note">' in page.content.decode()


def test_admin_change_form_cannot_set_the_status(client, curator, draft_a):
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_change", args=[draft_a.pk])
    response = client.post(url, admin_change_data(draft_a, status="published", title_en="Fixed"))
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert (draft_a.title, draft_a.status, draft_a.version) == ("Fixed", "draft", 2)


def test_admin_change_form_refuses_a_stale_version(client, curator, member_a, draft_a):
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_change", args=[draft_a.pk])
    stale = admin_change_data(draft_a, title_en="Curator's")
    services.finding_update(finding=draft_a, user=member_a, expected_version=1, title="Member's")
    response = client.post(url, stale)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Someone else saved this finding after you opened it (you edited version 1, it is now at "
        "version 2). Reload the page to see their changes, then apply yours again."
    ]
    draft_a.refresh_from_db()
    assert draft_a.title == "Member's"


def test_history_records_who_and_restore_keeps_the_status(client, curator, member_a, draft_a):
    services.finding_update(finding=draft_a, user=member_a, expected_version=1, title="Second")
    services.finding_submit(finding=draft_a, user=member_a)
    services.finding_publish(finding=draft_a, user=curator)
    first = draft_a.history.earliest()
    assert [
        (h.history_user, h.history_change_reason) for h in draft_a.history.order_by("history_id")
    ] == [
        (None, None),
        (member_a, "edited"),
        (member_a, "submit"),
        (curator, "publish"),
    ]
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_simple_history", args=[draft_a.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200
    data = admin_change_data(Finding.objects.get(pk=draft_a.pk), title_en=first.title)
    data["expected_version"] = page.context["adminform"].form["expected_version"].value()
    response = client.post(url, data)
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert (draft_a.title, draft_a.status, draft_a.version) == (first.title, "published", 5)
    latest = draft_a.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        curator,
        "restored an earlier version",
    )


def test_diff_shows_themes_and_sdgs_changed_since_the_previous_submission(
    curator, member_a, draft_a
):
    legal = ThemeFactory(name="Legal frameworks")
    local = ThemeFactory(name="Local ecosystems")
    services.finding_update(
        finding=draft_a,
        user=member_a,
        expected_version=draft_a.version,
        themes=[legal],
        sdgs=[sdg(8)],
    )
    services.finding_submit(finding=draft_a, user=member_a)
    services.finding_request_changes(finding=draft_a, user=curator, comment="Cities too?")
    services.finding_update(
        finding=draft_a,
        user=member_a,
        expected_version=draft_a.version,
        themes=[legal, local],
        sdgs=[sdg(8), sdg(11)],
    )
    services.finding_submit(finding=draft_a, user=member_a)

    diff = {change["label"]: change["lines"] for change in diff_since_previous_submission(draft_a)}

    assert list(diff) == ["Themes", "SDGs"]
    assert [line["text"] for line in diff["Themes"] if line["kind"] == "add"] == [
        "+Local ecosystems"
    ]
    assert [line["text"] for line in diff["SDGs"] if line["kind"] == "add"] == [
        "+SDG 11: Sustainable Cities and Communities"
    ]


def test_restoring_an_earlier_version_brings_back_its_themes_and_sdgs(
    client, curator, member_a, draft_a
):
    legal, local = ThemeFactory(name="Legal frameworks"), ThemeFactory(name="Local ecosystems")
    services.finding_update(
        finding=draft_a,
        user=member_a,
        expected_version=draft_a.version,
        themes=[legal],
        sdgs=[sdg(16)],
    )
    chosen = draft_a.history.latest()
    services.finding_update(
        finding=draft_a,
        user=member_a,
        expected_version=draft_a.version,
        themes=[local],
        sdgs=[sdg(11)],
    )
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_simple_history", args=[draft_a.pk, chosen.history_id])

    page = client.get(url)
    form = page.context["adminform"].form
    data = admin_change_data(Finding.objects.get(pk=draft_a.pk))
    data |= {
        "themes": [str(pk) for pk in form["themes"].value()],
        "sdgs": [str(pk) for pk in form["sdgs"].value()],
        "expected_version": form["expected_version"].value(),
    }
    response = client.post(url, data)

    assert response.status_code == 302
    assert [t.name for t in draft_a.themes.all()] == ["Legal frameworks"]
    assert [s.number for s in draft_a.sdgs.all()] == [16]
    assert draft_a.history.latest().history_change_reason == "restored an earlier version"


# ---------------------------------------------------------------- confirming a decision


def review_page(client, curator, member_a, draft_a):
    services.finding_submit(finding=draft_a, user=member_a)
    force_login_confirmed(client, curator)
    return reverse("admin:findings_submittedfinding_change", args=[draft_a.pk])


def test_review_page_buttons_look_like_what_they_do(client, curator, member_a, draft_a):
    html = client.get(review_page(client, curator, member_a, draft_a)).content.decode()

    assert (
        '<button type="submit" name="decision" value="publish" '
        'class="plp-button plp-button--primary">Publish…</button>'
    ) in html
    assert (
        '<button type="submit" name="decision" value="request_changes" '
        'class="plp-button plp-button--secondary">Request changes…</button>'
    ) in html
    assert (
        '<button type="submit" name="decision" value="reject" '
        'class="plp-button plp-button--danger">Reject…</button>'
    ) in html


@pytest.mark.parametrize(
    ("decision", "question", "button"),
    [
        ("publish", "Publish “{}”?", '"plp-button plp-button--primary">Yes, publish it<'),
        (
            "request_changes",
            "Request changes to “{}”?",
            '"plp-button plp-button--secondary">Yes, request changes<',
        ),
        ("reject", "Reject “{}”?", '"plp-button plp-button--danger">Yes, reject it<'),
    ],
)
def test_every_decision_asks_for_confirmation_first_and_changes_nothing(
    client, curator, member_a, draft_a, decision, question, button
):
    url = review_page(client, curator, member_a, draft_a)

    page = client.post(url, {"decision": decision, "comment": "See <b>notes</b>.", "version": "2"})
    html = page.content.decode()

    assert page.status_code == 200
    assert page.templates[0].name == "admin/findings/submittedfinding/review_confirmation.html"
    assert f"<h1>{question.format(draft_a.title)}</h1>" in html
    assert '<blockquote class="plp-comment">See &lt;b&gt;notes&lt;/b&gt;.</blockquote>' in html
    assert '<input type="hidden" name="comment" value="See &lt;b&gt;notes&lt;/b&gt;.">' in html
    assert f'<button type="submit" name="confirmed" value="1" class={button}' in html
    draft_a.refresh_from_db()
    assert (draft_a.status, draft_a.reviews.count()) == ("submitted", 1)


def test_confirming_takes_the_decision(client, curator, member_a, draft_a):
    url = review_page(client, curator, member_a, draft_a)
    posted = {"decision": "reject", "comment": "Out of scope.", "version": "2"}

    client.post(url, posted)
    done = client.post(url, posted | {"confirmed": "1"})

    assert done["Location"] == reverse("admin:findings_submittedfinding_changelist")
    draft_a.refresh_from_db()
    assert (draft_a.status, draft_a.reviews.last().comment) == ("rejected", "Out of scope.")


def test_going_back_from_the_confirmation_keeps_the_comment_and_decides_nothing(
    client, curator, member_a, draft_a
):
    url = review_page(client, curator, member_a, draft_a)

    back = client.post(
        url, {"decision": "reject", "comment": "Almost.", "version": "2", "back": "1"}
    )

    assert back.templates[0].name == "admin/findings/submittedfinding/review.html"
    assert ">\nAlmost.</textarea>" in back.content.decode()
    draft_a.refresh_from_db()
    assert draft_a.status == "submitted"


def test_a_missing_comment_is_said_before_the_confirmation(client, curator, member_a, draft_a):
    url = review_page(client, curator, member_a, draft_a)

    page = client.post(url, {"decision": "reject", "comment": "  ", "version": "2"})

    assert page.templates[0].name == "admin/findings/submittedfinding/review.html"
    assert page.context["form"].errors["comment"] == [
        "Please say why in a comment: you cannot reject a finding without one, and the members "
        "will read it."
    ]


def test_bulk_decision_page_styles_its_button_like_the_decision(client, curator, finding_in):
    finding = finding_in("published")
    force_login_confirmed(client, curator)

    page = client.post(
        reverse("admin:findings_finding_changelist"),
        {"action": "decide_withdraw", "_selected_action": [finding.pk]},
    )
    html = page.content.decode()

    assert "<p>Withdraw these findings?</p>" in html
    assert (
        '<button type="submit" class="plp-button plp-button--danger">Yes, withdraw them</button>'
    ) in html
