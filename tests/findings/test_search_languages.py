"""Search in every language: each translation stemmed by its own language, the query by the
reader's, and a finding found by the words of any of its translations."""

import pytest
from django.utils import translation

from findings.models import Finding
from findings.search import add_snippets, search_findings
from tests.factories import PublishedFindingFactory


def found(query: str, language: str) -> list[str]:
    with translation.override(language):
        ranked = search_findings(Finding.objects.all(), query)
        return [finding.title for finding in ranked]


def french_finding(**fields) -> Finding:
    with translation.override("fr"):
        return PublishedFindingFactory(language="fr", **fields)


@pytest.mark.postgres
def test_a_french_query_is_stemmed_in_french_and_finds_the_french_original(db):
    french_finding(title="La coopérative des villes", summary="Un réseau.", body="")
    PublishedFindingFactory(title="Municipal platforms", summary="s", body="")

    assert found("coopératives", "fr") == ["La coopérative des villes"]


@pytest.mark.postgres
def test_a_spanish_query_finds_the_spanish_translation_of_an_english_finding(db):
    finding = PublishedFindingFactory(title="Regional coalitions", summary="s", body="")
    finding.title_es = "Coaliciones regionales de municipios"
    finding.save()

    assert found("municipio", "es") == ["Coaliciones regionales de municipios"]
    assert found("coalitions", "es") == ["Coaliciones regionales de municipios"]


@pytest.mark.postgres
def test_an_english_reader_finds_a_finding_by_the_words_of_its_french_translation(db):
    finding = PublishedFindingFactory(title="Regional coalitions", summary="s", body="")
    finding.summary_fr = "Les économies sociales régionales."
    finding.save()

    assert found("économies", "en") == ["Regional coalitions"]


@pytest.mark.postgres
def test_the_search_vector_stems_each_translation_with_its_own_language(db):
    finding = PublishedFindingFactory(title="Cities", summary="", body="")
    finding.title_fr = "Villes"
    finding.title_es = "Ciudades"
    finding.save()
    finding.refresh_from_db()

    assert finding.search_vector == "'citi':1A 'ciudad':3A 'vill':2A"


@pytest.mark.postgres
def test_search_headlines_cut_the_readers_translation(db):
    finding = PublishedFindingFactory(title="Cities", summary="Cities convene.", body="")
    finding.summary_fr = "Les villes se réunissent."
    finding.save()

    with translation.override("fr"):
        page = list(search_findings(Finding.objects.all(), "villes"))
        add_snippets(page, "villes")

    assert page[0].snippet == "Les <mark>villes</mark> se réunissent."


def test_the_word_search_reads_every_translation(db):
    finding = PublishedFindingFactory(title="Regional coalitions", summary="s", body="")
    finding.body_es = "Las cooperativas de vivienda."
    finding.save()
    PublishedFindingFactory(title="Municipal platforms", summary="s", body="")

    assert found("cooperativas", "en") == ["Regional coalitions"]
    assert found("cooperativas", "es") == ["Regional coalitions"]
