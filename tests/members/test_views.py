import pytest
from django.urls import reverse

from findings import services
from findings.markdown import render_markdown
from findings.models import Finding
from tests.factories import FindingFactory, ThemeFactory


def finding_post(**extra):
    return {
        "title": "Women-led social enterprises",
        "summary": "Women principles help internationalisation.",
        "body": "Collaboration, **listening**, bottom-up.\n\n<script>alert(1)</script>",
        "countries": ["PT", "BR"],
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-0-label": "Impact Hub report",
        "sources-0-url": "https://example.org/report",
        "sources-1-label": "",
        "sources-1-url": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "action": "save",
        **extra,
    }


@pytest.mark.parametrize("preset", ["pl4se-plp", "no-such-consortium", "nul\x00byte", "x" * 5000])
def test_create_with_a_preset_not_of_the_member_is_not_found(
    client, member_a, consortium_a, consortium_b, preset
):
    client.force_login(member_a)
    response = client.get(reverse("members:finding_create"), {"consortium": preset})
    assert response.status_code == 404


def test_create_with_preset_consortium_saves_a_draft(client, member_a, consortium_a):
    theme = ThemeFactory(name="Internationalisation")
    client.force_login(member_a)
    url = reverse("members:finding_create") + "?consortium=silk"
    page = client.get(url)
    assert page.context["form"].initial["consortium"] == consortium_a
    response = client.post(url, finding_post(consortium=consortium_a.pk, themes=[theme.pk]))
    finding = Finding.objects.get()
    assert response["Location"] == reverse("members:finding_detail", args=[finding.slug])
    assert (finding.slug, finding.status, finding.author, finding.consortium) == (
        "women-led-social-enterprises",
        "draft",
        member_a,
        consortium_a,
    )
    assert [c.code for c in finding.countries] == ["BR", "PT"]
    assert list(finding.sources.values_list("label", "url")) == [
        ("Impact Hub report", "https://example.org/report")
    ]
    assert list(finding.themes.all()) == [theme]


def test_create_refuses_a_consortium_not_in_the_choices(client, member_a, consortium_b):
    client.force_login(member_a)
    response = client.post(
        reverse("members:finding_create"), finding_post(consortium=consortium_b.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["consortium"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Finding.objects.count() == 0


def test_source_needs_label_and_url(client, member_a, consortium_a):
    client.force_login(member_a)
    response = client.post(
        reverse("members:finding_create"),
        finding_post(consortium=consortium_a.pk, **{"sources-0-label": "", "sources-1-label": "X"}),
    )
    forms = response.context["sources"].forms
    assert forms[0].errors == {"label": ["Give the source a label, e.g. the document's title."]}
    assert forms[1].errors == {"url": ["Give the source's address."]}
    assert Finding.objects.count() == 0


def test_preview_renders_like_the_public_page_and_saves_nothing(client, member_a, consortium_a):
    client.force_login(member_a)
    data = finding_post(consortium=consortium_a.pk, action="preview")
    response = client.post(reverse("members:finding_create"), data)
    assert response.status_code == 200
    assert response.context["preview"] == render_markdown(data["body"])
    assert "<strong>listening</strong>" in response.context["preview"]
    assert "<script>" not in response.content.decode()
    assert Finding.objects.count() == 0


def test_edit_saves_and_bumps_version(client, member_a, draft_a):
    client.force_login(member_a)
    response = client.post(
        reverse("members:finding_edit", args=[draft_a.slug]),
        finding_post(version=1, title="Revised title"),
    )
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert (draft_a.title, draft_a.version, draft_a.slug) == ("Revised title", 2, "draft-a")


def test_stale_edit_is_refused_with_a_reload_message(client, member_a, coordinator_a, draft_a):
    client.force_login(member_a)
    url = reverse("members:finding_edit", args=[draft_a.slug])
    page = client.get(url)
    assert page.context["form"].initial["version"] == 1
    # Meanwhile the coordinator saves.
    services.finding_update(finding=draft_a, user=coordinator_a, expected_version=1, title="Theirs")
    response = client.post(url, finding_post(version=1, title="Mine"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Someone else saved this finding after you opened it (you edited version 1, it is now at "
        "version 2). Reload the page to see their changes, then apply yours again."
    ]
    draft_a.refresh_from_db()
    assert (draft_a.title, draft_a.version) == ("Theirs", 2)


def test_submit_with_a_stale_version_is_refused(client, member_a, coordinator_a, draft_a):
    services.finding_update(finding=draft_a, user=coordinator_a, expected_version=1, title="New")
    client.force_login(member_a)
    response = client.post(reverse("members:finding_submit", args=[draft_a.slug]), {"version": 1})
    # The service's refusal, answered as the API answers it: 409 and its sentence.
    assert response.status_code == 409
    [step] = response.context["steps"]
    assert step["form"].non_field_errors() == [
        "Someone else saved this finding after you opened it (you edited version 1, it is now at "
        "version 2). Reload the page to see their changes, then apply yours again."
    ]
    draft_a.refresh_from_db()
    assert draft_a.status == "draft"


def test_detail_shows_the_review_thread_and_resubmit(client, member_a, draft_a, curator):
    services.finding_submit(finding=draft_a, user=member_a)
    services.finding_request_changes(finding=draft_a, user=curator, comment="Cite the source.")
    client.force_login(member_a)
    response = client.get(reverse("members:finding_detail", args=[draft_a.slug]))
    reviews = [(r.decision, r.comment) for r in response.context["reviews"]]
    assert reviews == [("submit", ""), ("request_changes", "Cite the source.")]
    assert response.context["can_edit"] is True
    assert [step["transition"].action for step in response.context["steps"]] == ["submit"]
    assert response.context["steps"][0]["form"].initial == {"version": 3}
    assert "Resubmit for review" in response.content.decode()


def test_detail_of_a_submitted_finding_is_read_only(client, member_a, draft_a):
    services.finding_submit(finding=draft_a, user=member_a)
    client.force_login(member_a)
    response = client.get(reverse("members:finding_detail", args=[draft_a.slug]))
    assert (response.context["can_edit"], response.context["steps"]) == (False, [])


def test_dashboard_lists_changes_requested_first(client, member_a, consortium_a, curator):
    FindingFactory(consortium=consortium_a, title="A draft", slug="a-draft")
    needs = FindingFactory(consortium=consortium_a, title="Needs work", slug="needs-work")
    services.finding_submit(finding=needs, user=member_a)
    services.finding_request_changes(finding=needs, user=curator, comment="More data.")
    FindingFactory(title="Other consortium's", slug="other")
    client.force_login(member_a)
    response = client.get(reverse("members:dashboard"))
    groups = [(g["status"], [f.title for f in g["findings"]]) for g in response.context["groups"]]
    assert groups == [("changes_requested", ["Needs work"]), ("draft", ["A draft"])]
    assert [f.title for f in response.context["needs_action"]] == ["Needs work"]


def test_login_page_uses_the_site_layout(client):
    response = client.get(reverse("login"))
    assert [t.name for t in response.templates][:2] == ["registration/login.html", "base.html"]


def test_login_redirects_to_the_workspace(client, member_a):
    response = client.post(
        reverse("login"), {"username": "member-a", "password": "correct horse battery staple"}
    )
    assert response["Location"] == "/en/me/"


def test_password_reset_sends_a_link(client, member_a, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "member-a@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["member-a@example.org"]
    assert "/en/accounts/reset/" in mailoutbox[0].body


def test_password_change_page_uses_the_site_layout(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("password_change"))
    assert response.templates[0].name == "registration/password_change_form.html"


def test_there_is_no_self_registration(client):
    assert client.get("/en/accounts/signup/").status_code == 404
    assert client.get("/en/accounts/register/").status_code == 404


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_a_finding_cannot_be_reached_by_slug_of_another_consortium(client, member_b, status):
    finding = FindingFactory(status=status)
    client.force_login(member_b)
    assert client.get(reverse("members:finding_detail", args=[finding.slug])).status_code == 404


def test_dashboard_links_to_the_members_api_tokens(client, member_a):
    client.force_login(member_a)

    response = client.get("/en/me/")

    assert '<a href="/en/me/tokens/">API tokens</a>' in response.content.decode()
