"""Content in several languages: fallback to the original, the lang attribute of fallback
text, the unsuffixed columns keeping the original, and the API's language."""

from django.template import Context, Template
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from findings.models import Finding, Theme
from tests.factories import PublishedFindingFactory, ThemeFactory


def french_finding(**fields) -> Finding:
    with translation.override("fr"):
        return PublishedFindingFactory(language="fr", **fields)


def render(source: str, **context) -> str:
    return Template("{% load content_language %}" + source).render(Context(context))


def test_a_missing_translation_falls_back_to_the_original_language(db):
    french_finding(title="Les coopératives", summary="Un réseau.", body="")
    finding = Finding.objects.get()
    finding.title_en = "Cooperatives"
    finding.save()

    with translation.override("es"):
        assert (finding.title, finding.summary) == ("Les coopératives", "Un réseau.")
    with translation.override("en"):
        assert (finding.title, finding.summary) == ("Cooperatives", "Un réseau.")


def test_the_unsuffixed_columns_keep_the_original_whatever_language_saves(db):
    finding = french_finding(title="Les coopératives", summary="Un réseau.", body="")
    with translation.override("es"):
        finding.title = "Las cooperativas"  # the Spanish reader's column
        finding.save()

    stored = Finding.objects.values("title", "title_fr", "title_es", "title_en").get()
    assert stored == {
        "title": "Les coopératives",
        "title_fr": "Les coopératives",
        "title_es": "Las cooperativas",
        "title_en": None,
    }


def test_queries_and_orderings_read_the_original_not_the_active_language(db):
    ThemeFactory(name="Zèbre", slug="z")
    ThemeFactory(name="Abeille", slug="a")
    Theme.objects.filter(slug="z").update(name_fr="Aardvark")

    with translation.override("fr"):
        names = list(Theme.objects.order_by("name").values_list("name", flat=True))
        found = list(Theme.objects.filter(name="Zèbre").values_list("slug", flat=True))

    assert (names, found) == (["Abeille", "Zèbre"], ["z"])


def test_fallback_text_carries_its_own_lang_attribute(db):
    finding = french_finding(title="Les coopératives", summary="Un réseau.", body="")
    finding.title_es = "Las cooperativas"
    finding.save()
    template = '<h1{{ f|lang_of:"title" }}>{{ f.title }}</h1><p{{ f|lang_of:"summary" }}>'

    with translation.override("es"):
        assert render(template, f=finding) == '<h1>Las cooperativas</h1><p lang="fr">'
    with translation.override("fr"):
        assert render(template, f=finding) == "<h1>Les coopératives</h1><p>"


def test_the_public_finding_page_marks_the_fallback_title(db):
    finding = french_finding(title="Les coopératives", summary="Un réseau.", body="")
    finding.title_en = "Cooperatives"
    finding.save()

    with translation.override("en"):
        page = Client().get(finding.get_absolute_url()).content.decode()

    assert "<h1>Cooperatives</h1>" in page
    assert '<p class="lead" lang="fr">Un réseau.</p>' in page


def test_the_api_answers_in_the_requests_language_with_the_translations_in_the_detail(db):
    finding = PublishedFindingFactory(
        slug="coops", title="Cooperatives", summary="A network.", body=""
    )
    finding.title_fr = "Les coopératives"
    finding.save()

    with translation.override("fr"):
        api = APIClient(HTTP_ACCEPT_LANGUAGE="fr")
        [item] = api.get("/api/v1/findings/").json()["results"]
        detail = api.get("/api/v1/findings/coops/").json()

    assert (item["title"], item["summary"], item["language"]) == (
        "Les coopératives",
        "A network.",
        "en",
    )
    assert detail["translations"] == {
        "fr": {"title": "Les coopératives", "summary": "", "body": ""}
    }


def test_cached_api_items_are_kept_per_language(db):
    finding = PublishedFindingFactory(slug="coops", title="Cooperatives")
    finding.title_es = "Cooperativas"
    finding.save()

    titles = []
    for language in ("en", "es", "en"):
        with translation.override(language):
            api = APIClient(HTTP_ACCEPT_LANGUAGE=language)
            titles.append(api.get("/api/v1/findings/").json()["results"][0]["title"])

    assert titles == ["Cooperatives", "Cooperativas", "Cooperatives"]
