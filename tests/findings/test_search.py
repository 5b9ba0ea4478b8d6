import pytest
from django.db import connection

from findings.models import Finding
from findings.search import (
    _START,
    _STOP,
    _python_headline,
    _whole_words,
    search_findings,
    search_terms,
    snippet_html,
)
from tests.factories import PublishedFindingFactory


def found(query: str) -> list[str]:
    return list(search_findings(Finding.objects.all(), query).values_list("title", flat=True))


def test_search_terms_keep_quoted_phrases_together():
    assert search_terms('legal "impact measurement" -cities') == [
        "legal",
        "impact measurement",
        "cities",
    ]


def test_search_findings_ranks_title_before_summary_before_body(db):
    PublishedFindingFactory(title="Body", summary="nothing", body="Ecosystems of the SSE.")
    PublishedFindingFactory(title="Ecosystems", summary="nothing", body="")
    PublishedFindingFactory(title="Summary", summary="Local ecosystems.", body="")

    assert found("ecosystems") == ["Ecosystems", "Summary", "Body"]


def test_search_findings_needs_every_word(db):
    PublishedFindingFactory(title="Legal frameworks for cities", summary="s", body="")
    PublishedFindingFactory(title="Legal entities", summary="s", body="")

    assert found("legal cities") == ["Legal frameworks for cities"]


def test_search_findings_with_empty_query_returns_the_queryset_unchanged(db):
    PublishedFindingFactory(title="Anything")

    assert found("   ") == ["Anything"]


def test_search_findings_follows_edits_to_the_finding(db):
    finding = PublishedFindingFactory(title="Municipal platforms", summary="s", body="")
    finding.title = "Regional coalitions"
    finding.save()

    assert found("municipal") == []
    assert found("coalitions") == ["Regional coalitions"]


def finding_table_constraints() -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, Finding._meta.db_table)


@pytest.mark.postgres
def test_search_vector_is_weighted_kept_by_the_trigger_and_gin_indexed(db):
    finding = PublishedFindingFactory(title="Coalitions", summary="Cities", body="Platforms")
    finding.refresh_from_db()

    assert finding.search_vector == "'citi':2B 'coalit':1A 'platform':3C"
    assert finding_table_constraints()["finding_search_vector_gin"]["type"] == "gin"


@pytest.mark.sqlite
def test_search_vector_stays_empty_and_unindexed_on_sqlite(db):
    finding = PublishedFindingFactory(title="Coalitions", summary="Cities", body="Platforms")
    finding.refresh_from_db()

    assert finding.search_vector is None
    assert "finding_search_vector_gin" not in finding_table_constraints()


def test_snippet_html_marks_matches_and_escapes_the_rest(db):
    finding = PublishedFindingFactory(summary="Cities & towns convene.", body="")
    finding = search_findings(Finding.objects.all(), "convene").get()

    assert snippet_html(finding, "convene") == "Cities &amp; towns <mark>convene</mark>."


@pytest.mark.django_db
def test_highlight_markers_in_a_finding_never_become_markup(client):
    PublishedFindingFactory(
        title="Cities and markers",
        summary="\ue000<b>forged</b>\ue001 cities learn from each other.",
    )

    response = client.get("/en/findings/", {"q": "cities"})

    [finding] = response.context["findings"]
    assert str(finding.snippet).count("<mark>") == str(finding.snippet).count("</mark>") >= 1
    assert "<mark>forged" not in str(finding.snippet)
    assert "<mark>&lt;b&gt;" not in str(finding.snippet)
    assert "forged" in str(finding.snippet)  # as text: escaped (SQLite) or untagged (PostgreSQL)
    assert "<b>" not in str(finding.snippet)
    assert "\ue000" not in str(finding.snippet) and "\ue001" not in str(finding.snippet)


LONG_BODY = (
    " ".join(
        f"Sentence {n} tells how municipalities, cooperatives and intermediaries collaborate."
        for n in range(1, 40)
    )
    + " Finally, coalitions matter. "
    + " ".join(
        f"Afterword {n} describes responsibilities, partnerships and accountability."
        for n in range(40)
    )
)


@pytest.mark.django_db
def test_search_snippet_starts_and_ends_at_whole_words_marking_the_cuts(client):
    PublishedFindingFactory(title="Long", summary="Short summary.", body=LONG_BODY)

    response = client.get("/en/findings/", {"q": "coalitions"})

    [finding] = response.context["findings"]
    snippet = str(finding.snippet)
    text = snippet.replace("<mark>", "").replace("</mark>", "")
    assert text.startswith("… ") and text.endswith(" …"), text
    words = text.removeprefix("… ").removesuffix(" …").split()
    source = ("Short summary. " + LONG_BODY).split()
    # Every word of the snippet is a whole word of the finding, in the same order.
    start = source.index(words[0])
    while source[start : start + len(words)] != words:
        start = source.index(words[0], start + 1)
    assert "<mark>coalitions</mark>" in snippet


def test_whole_words_completes_a_word_cut_by_the_headline_and_marks_the_cuts():
    source = "Advanced frameworks embed the SSE in socio-economic agendas and COVID-19 plans."

    headline = _whole_words(f"economic {_START}agendas{_STOP} and COVID", source)

    assert headline == f"… socio-economic {_START}agendas{_STOP} and COVID-19 …"


def test_headline_without_search_words_ends_at_a_whole_word():
    text = "word " * 100

    assert _python_headline(text, []) == ("word " * 44).strip() + " …"
