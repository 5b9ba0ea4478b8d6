"""Members translate their consortium's findings (/me/findings/<slug>/translations/<lang>/);
curators see the missing translations in the admin."""

import pytest
from django.urls import reverse
from django.utils import translation

from findings import services
from findings.exceptions import NotPermitted, TransitionNotAllowed
from findings.models import Finding
from tests.factories import FindingFactory, PublishedFindingFactory, ThemeFactory
from tests.two_factor import force_login_confirmed

pytestmark = pytest.mark.django_db


def translate_url(finding, language: str) -> str:
    return reverse("members:finding_translate", args=[finding.slug, language])


def spanish(version: int, **fields) -> dict:
    return {
        "title": "Las cooperativas",
        "summary": "Una red.",
        "body": "",
        "version": version,
    } | fields


def test_a_member_adds_a_spanish_translation_of_their_draft(client, member_a, draft_a):
    client.force_login(member_a)

    response = client.post(translate_url(draft_a, "es"), spanish(draft_a.version))

    assert response.status_code == 302
    stored = Finding.objects.values("title", "title_es", "summary_es", "version").get()
    assert stored == {
        "title": draft_a.title,
        "title_es": "Las cooperativas",
        "summary_es": "Una red.",
        "version": 2,
    }
    assert Finding.history.latest().history_change_reason == "translated into es"


def test_a_member_translates_a_submitted_finding_but_not_a_published_one(
    client, member_a, finding_in
):
    submitted = finding_in("submitted", slug="submitted")
    published = finding_in("published", slug="published")
    client.force_login(member_a)

    assert (
        client.post(translate_url(submitted, "fr"), spanish(submitted.version)).status_code == 302
    )
    assert (
        client.post(translate_url(published, "fr"), spanish(published.version)).status_code == 409
    )
    assert Finding.objects.get(slug="published").title_fr is None


def test_a_member_of_another_consortium_cannot_see_or_translate_the_finding(
    client, member_b, draft_a
):
    client.force_login(member_b)

    assert client.get(translate_url(draft_a, "es")).status_code == 404
    assert client.post(translate_url(draft_a, "es"), spanish(1)).status_code == 404
    with pytest.raises(NotPermitted):
        services.finding_translate(
            finding=draft_a, user=member_b, language="es", expected_version=1, title="X",
            summary="Y",
        )  # fmt: skip
    assert Finding.objects.get().title_es is None


def test_an_anonymous_visitor_is_sent_to_sign_in(client, draft_a):
    response = client.post(translate_url(draft_a, "es"), spanish(1))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Finding.objects.get().title_es is None


def test_the_original_language_and_unknown_languages_have_no_translation_page(
    client, member_a, draft_a
):
    client.force_login(member_a)

    assert client.get(translate_url(draft_a, "en")).status_code == 404
    assert client.get(translate_url(draft_a, "de")).status_code == 404


def test_a_stale_translation_is_refused_with_a_form_error(client, member_a, draft_a):
    client.force_login(member_a)
    client.post(translate_url(draft_a, "es"), spanish(1))

    response = client.post(translate_url(draft_a, "es"), spanish(1, title="Otra"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Someone else saved this finding after you opened it (you edited version 1, it is now at "
        "version 2). Reload the page to see their changes, then apply yours again."
    ]


def test_the_service_refuses_a_published_findings_translation_by_a_member(member_a, finding_in):
    published = finding_in("published")

    with pytest.raises(TransitionNotAllowed):
        services.finding_translate(
            finding=published, user=member_a, language="fr", expected_version=published.version,
            title="X", summary="Y",
        )  # fmt: skip


def test_a_member_editing_on_the_french_site_edits_the_original_text(member_a, draft_a):
    with translation.override("fr"):
        services.finding_update(
            finding=draft_a, user=member_a, expected_version=1, title="Edited original"
        )

    assert Finding.objects.values("title", "title_en", "title_fr").get() == {
        "title": "Edited original",
        "title_en": "Edited original",
        "title_fr": None,
    }


def test_a_new_finding_is_written_in_the_members_language(member_a, consortium_a):
    with translation.override("fr"):
        finding = services.finding_create(
            user=member_a, consortium=consortium_a, title="Les coopératives", summary="Un réseau."
        )

    assert Finding.objects.values("language", "title", "title_fr", "title_en").get() == {
        "language": "fr",
        "title": "Les coopératives",
        "title_fr": "Les coopératives",
        "title_en": None,
    }
    assert finding.pk is not None


def test_the_admin_lists_missing_translations_and_filters_by_them(client, curator):
    complete = PublishedFindingFactory(title="Complete", summary="S", body="")
    complete.title_fr, complete.summary_fr = "Complet", "S"
    complete.title_es, complete.summary_es = "Completo", "S"
    complete.save()
    partial = PublishedFindingFactory(title="Partial", summary="S", body="")
    partial.title_fr = "Partiel"  # the summary is still untranslated
    partial.save()
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_changelist")

    page = client.get(url)
    missing = {f.title: page.context["cl"].model_admin.missing_translations(f) for f in
               page.context["cl"].result_list}  # fmt: skip
    french = client.get(url, {"missing_translation": "fr"}).context["cl"].result_list

    assert missing == {"Complete": "—", "Partial": "French, Spanish"}
    assert [finding.title for finding in french] == ["Partial"]


def test_the_admin_requires_the_original_languages_text_not_englishs(client, curator):
    theme = ThemeFactory()
    finding = FindingFactory(language="fr", title="Les coopératives", themes=[theme])
    force_login_confirmed(client, curator)
    data = {
        "consortium": finding.consortium_id,
        "language": "fr",
        "title_en": "Cooperatives",
        "slug": finding.slug,
        "summary_fr": "Un réseau.",
        "expected_version": finding.version,
    }
    for prefix in ("sources", "attachments", "reviews"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = client.post(reverse("admin:findings_finding_change", args=[finding.pk]), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_fr"] == [
        "Required: the text in its original language (French)."
    ]
