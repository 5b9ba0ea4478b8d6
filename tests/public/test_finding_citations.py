"""A finding's citation on its page and at its stable addresses (findings.citation_views):
what each answers, to whom, linked from where, and at what cost."""

import json
import re
from html.parser import HTMLParser

import bibtexparser
import pytest
import rispy
from django.core.cache import cache
from django.urls import reverse

from consortia.models import Programme
from findings.enums import FindingStatus
from tests.factories import FindingFactory, PublishedFindingFactory
from tests.public.conftest import UNPUBLISHED, build_programme

CITE_ROUTES = {
    "bib": "findings:finding_cite_bibtex",
    "ris": "findings:finding_cite_ris",
    "json": "findings:finding_cite_csl",
}
PAGE_URL = "http://testserver/en/findings/many-legal-entities/"


def cite_urls(slug: str) -> dict[str, str]:
    return {extension: reverse(name, args=[slug]) for extension, name in CITE_ROUTES.items()}


def test_cite_addresses_are_stable_beside_the_finding_page():
    assert cite_urls("many-legal-entities") == {
        "bib": "/en/findings/many-legal-entities/cite.bib",
        "ris": "/en/findings/many-legal-entities/cite.ris",
        "json": "/en/findings/many-legal-entities/cite.json",
    }


def test_bibtex_download_is_named_typed_and_parses(client, published_finding):
    response = client.get(cite_urls(published_finding.slug)["bib"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="many-legal-entities.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    [entry] = library.entries
    assert {field.key: field.value for field in entry.fields} == {
        "author": "{PL4SE-PLP}",
        "title": "{Many legal entities, one set of values}",
        "publisher": "PLP Portal",
        "year": "2021",
        "month": "dec",
        "date": "2021-12-02",
        "url": PAGE_URL,
        "language": "en",
    }


def test_ris_download_is_named_typed_and_parses(client, published_finding):
    response = client.get(cite_urls(published_finding.slug)["ris"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="many-legal-entities.ris"'
    assert rispy.loads(response.content.decode()) == [
        {
            "type_of_reference": "RPRT",
            "title": "Many legal entities, one set of values",
            "authors": ["PL4SE-PLP"],
            "publisher": "PLP Portal",
            "year": "2021",
            "date": "2021/12/02/",
            "urls": [PAGE_URL],
            "language": "en",
        }
    ]


def test_csl_json_download_is_named_typed_and_names_the_programme(client, published_finding):
    programme = Programme.objects.create(name="OECD Global Action", slug="oecd")
    published_finding.consortium.programme = programme
    published_finding.consortium.save()
    published_finding.doi = "10.5281/zenodo.1234567"
    published_finding.save()

    response = client.get(cite_urls(published_finding.slug)["json"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert response["Content-Disposition"] == 'attachment; filename="many-legal-entities.json"'
    assert json.loads(response.content) == [
        {
            "id": "many-legal-entities",
            "type": "report",
            "title": "Many legal entities, one set of values",
            "author": [{"literal": "PL4SE-PLP"}],
            "publisher": "OECD Global Action",
            "URL": PAGE_URL,
            "language": "en",
            "issued": {"date-parts": [[2021, 12, 2]]},
            "DOI": "10.5281/zenodo.1234567",
        }
    ]


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_finding_without_a_public_page_has_no_citation(client, db, status):
    finding = FindingFactory(status=status)

    answers = [client.get(url).status_code for url in cite_urls(finding.slug).values()]

    assert answers == [404, 404, 404]


def test_unpublished_findings_appear_in_no_citation_nor_page(client, published_finding):
    hidden = {
        FindingStatus.DRAFT: "Quetzalcoatlus",
        FindingStatus.SUBMITTED: "Zymurgical",
        FindingStatus.CHANGES_REQUESTED: "Xylographer",
        FindingStatus.REJECTED: "Brobdingnagian",
    }
    for status, word in hidden.items():
        FindingFactory(
            status=status,
            consortium=published_finding.consortium,
            title=f"{word} finding",
            slug=word.lower(),
            summary=f"{word} summary",
        )
    urls = [published_finding.get_absolute_url(), *cite_urls(published_finding.slug).values()]
    urls += [f"{published_finding.get_absolute_url()}?style=chicago"]

    contents = [client.get(url).content.decode() for url in urls]
    refused = [
        client.get(url).status_code
        for word in hidden.values()
        for url in cite_urls(word.lower()).values()
    ]

    assert refused == [404] * 12
    assert [word for word in hidden.values() for content in contents if word in content] == []


def test_withdrawn_finding_says_so_in_every_citation(client, published_finding):
    published_finding.status = FindingStatus.WITHDRAWN
    published_finding.save()
    urls = cite_urls(published_finding.slug)

    bib = client.get(urls["bib"]).content.decode()
    [record] = rispy.loads(client.get(urls["ris"]).content.decode())
    [item] = json.loads(client.get(urls["json"]).content)
    apa = citation_text(client.get(published_finding.get_absolute_url()))
    chicago = citation_text(client.get(published_finding.get_absolute_url(), {"style": "chicago"}))

    assert "  note = {Withdrawn.},\n" in bib
    assert record["notes"] == ["Withdrawn."]
    assert item["status"] == "withdrawn"
    assert apa == (
        f"PL4SE-PLP. (2021). Many legal entities, one set of values. PLP Portal. {PAGE_URL} "
        "Withdrawn."
    )
    assert chicago == (
        "PL4SE-PLP. 2021. Many Legal Entities, One Set of Values. PLP Portal, withdrawn. "
        f"{PAGE_URL}."
    )


def test_french_citation_cites_the_french_page_in_french(client, published_finding):
    published_finding.title_fr = "Plusieurs entités juridiques, un seul ensemble de valeurs"
    published_finding.status = FindingStatus.WITHDRAWN
    published_finding.save()

    [item] = json.loads(client.get("/fr/findings/many-legal-entities/cite.json").content)
    page = client.get("/fr/findings/many-legal-entities/", {"style": "chicago"})

    assert (item["title"], item["URL"], item["language"], item["status"]) == (
        "Plusieurs entités juridiques, un seul ensemble de valeurs",
        "http://testserver/fr/findings/many-legal-entities/",
        "fr",
        "retiré",
    )
    assert citation_text(page) == (
        "PL4SE-PLP. 2021. Plusieurs entités juridiques, un seul ensemble de valeurs. "
        "PLP Portal, retiré. http://testserver/fr/findings/many-legal-entities/."
    )
    assert links(page)["/fr/findings/many-legal-entities/cite.bib"] == "BibTeX"


class PageParser(HTMLParser):
    """The citation's text, the cite section's links, and the style form's options."""

    def __init__(self):
        super().__init__()
        self.in_citation = False
        self.citation = ""
        self.links = {}
        self.options = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "citation-text":
            self.in_citation = True
        if tag == "a":
            self._href = attrs.get("href")
            self.links[self._href] = ""
        if tag == "option":
            self.options.append((attrs["value"], "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "p":
            self.in_citation = False
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        if self.in_citation:
            self.citation += data
        if self._href is not None:
            self.links[self._href] += data


def parsed(response) -> PageParser:
    assert response.status_code == 200
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def citation_text(response) -> str:
    return parsed(response).citation


def links(response) -> dict[str, str]:
    return parsed(response).links


def test_page_shows_the_citation_with_style_choice_copy_button_and_downloads(
    client, published_finding
):
    response = client.get(published_finding.get_absolute_url())

    page = parsed(response)
    html = response.content.decode()
    assert page.citation == (
        f"PL4SE-PLP. (2021). Many legal entities, one set of values. PLP Portal. {PAGE_URL}"
    )
    assert page.options == [("apa", True), ("chicago", False)]
    assert '<form method="get" action="#cite" class="cite__style">' in html
    assert {href: text for href, text in page.links.items() if "/cite." in href} == {
        "/en/findings/many-legal-entities/cite.bib": "BibTeX",
        "/en/findings/many-legal-entities/cite.ris": "RIS (EndNote, Zotero, Mendeley)",
        "/en/findings/many-legal-entities/cite.json": "CSL-JSON",
    }
    # The copy button waits, hidden, for its script (no inline script: the CSP refuses them).
    assert re.search(
        r'<button type="button"[^>]* data-copy-target="citation-text"[^>]* hidden>', html
    )
    assert '<script src="/static/js/cite.js" defer></script>' in html


@pytest.mark.parametrize("style", ["chicago", "CHICAGO", "mla", "", "<script>"])
def test_page_renders_the_chosen_style_and_the_default_for_anything_else(
    client, published_finding, style
):
    page = parsed(client.get(published_finding.get_absolute_url(), {"style": style}))

    chosen = "chicago" if style == "chicago" else "apa"
    assert page.options == [("apa", chosen == "apa"), ("chicago", chosen == "chicago")]
    assert page.citation.startswith(
        "PL4SE-PLP. 2021." if chosen == "chicago" else "PL4SE-PLP. (2021)."
    )


def test_page_shows_the_doi_as_a_link(client, published_finding):
    published_finding.doi = "10.5281/zenodo.1234567"
    published_finding.save()

    response = client.get(published_finding.get_absolute_url())

    assert links(response)["https://doi.org/10.5281/zenodo.1234567"] == "10.5281/zenodo.1234567"
    assert citation_text(response).endswith("PLP Portal. https://doi.org/10.5281/zenodo.1234567")


def test_hostile_text_in_the_page_citation_stays_text(client, db):
    finding = PublishedFindingFactory(title='<img src=x onerror=alert(1)> & "quotes" {x} 50%')

    response = client.get(finding.get_absolute_url())

    html = response.content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; {x} 50%" in html
    assert '<img src=x onerror=alert(1)> & "quotes" {x} 50%' in citation_text(response)


def test_cite_addresses_refuse_other_methods(client, published_finding):
    url = cite_urls(published_finding.slug)["bib"]

    assert client.post(url).status_code == 405


@pytest.mark.parametrize("extension", sorted(CITE_ROUTES))
def test_citation_costs_one_query_whatever_the_size(
    client, db, extension, django_assert_num_queries, settings
):
    settings.PLP_PAGE_CACHE = False
    for scale in (2, 20):
        finding = build_programme(scale)["findings"][0]
        with django_assert_num_queries(1):
            response = client.get(cite_urls(finding.slug)[extension])
        assert response.status_code == 200


@pytest.mark.parametrize("extension", sorted(CITE_ROUTES))
def test_citation_is_served_from_the_page_cache_until_the_finding_changes(
    client,
    published_finding,
    extension,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    cache.clear()
    url = cite_urls(published_finding.slug)[extension]
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        published_finding.title = "Legal frameworks that travel well"
        published_finding.save()
    changed = client.get(url)

    assert again.content == first.content
    assert "Legal frameworks that travel well" in changed.content.decode()
