"""The sitemap index and its sections: public pages only, pages of bounded size, a fixed
number of queries per page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plp_portal import sitemaps
from tests.factories import EventFactory, FindingFactory, PublishedFindingFactory

SECTIONS = [
    "sections",
    "consortia",
    "events",
    "themes",
    "findings",
    "outputs",
    "sdgs",
    "organisations",
    "people",
]


def locations(xml: str, language: str | None = None) -> list[str]:
    """Every <loc> of `xml`, or only those of the pages in `language`."""
    found = re.findall(r"<loc>([^<]+)</loc>", xml)
    if language is None:
        return found
    return [url for url in found if url.startswith(f"http://testserver/{language}/")]


@pytest.mark.django_db
def test_sitemap_index_lists_every_section(client, demo):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert locations(response.content.decode()) == [
        f"http://testserver/sitemap-{section}.xml" for section in SECTIONS
    ]


@pytest.mark.django_db
def test_sitemap_sections_list_public_pages_only(client, demo):
    EventFactory(slug="in-preparation", status="draft")

    def section(name):
        return locations(client.get(f"/sitemap-{name}.xml").content.decode(), "en")

    findings = section("findings")
    assert "http://testserver/en/findings/pl4se-advanced-legal-frameworks/" in findings
    assert "http://testserver/en/findings/silk-draft-internationalisation-toolkit/" not in findings
    assert "http://testserver/en/findings/sim-investors-and-sdg-reporting/" not in findings
    assert section("events") == [
        "http://testserver/en/events/mainstreaming-the-sse-2021/",
        "http://testserver/en/events/global-action-final-conference/",
    ]
    assert section("sdgs") == [f"http://testserver/en/sdgs/{number}/" for number in range(1, 18)]
    assert "http://testserver/en/people/karen-maguire/" in section("people")
    assert section("sections")[0] == "http://testserver/en/"


@pytest.mark.django_db
def test_findings_section_gives_each_finding_its_own_last_change(client):
    finding = PublishedFindingFactory(slug="one-finding")

    xml = client.get("/sitemap-findings.xml").content.decode()

    alternates = (
        '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/findings/one-finding/"/>'
        '<xhtml:link rel="alternate" hreflang="fr" href="http://testserver/fr/findings/one-finding/"/>'
        '<xhtml:link rel="alternate" hreflang="es" href="http://testserver/es/findings/one-finding/"/>'
        '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/findings/one-finding/"/>'
    )
    assert xml.count("<url>") == 3
    for language in ("en", "fr", "es"):
        assert (
            f"<url><loc>http://testserver/{language}/findings/one-finding/</loc>"
            f"<lastmod>{finding.updated_at.date().isoformat()}</lastmod>"
            f"<changefreq>monthly</changefreq><priority>0.9</priority>{alternates}</url>"
        ) in xml


@pytest.mark.django_db
def test_section_longer_than_the_limit_splits_into_pages_all_named_by_the_index(
    client, monkeypatch
):
    monkeypatch.setattr(sitemaps, "LIMIT", 3)
    published = [PublishedFindingFactory(slug=f"finding-{n}") for n in range(7)]
    FindingFactory(slug="a-draft")

    index = locations(client.get("/sitemap.xml").content.decode())
    pages = [client.get(f"/sitemap-findings.xml?p={n}").content.decode() for n in (1, 2, 3)]

    assert [url for url in index if "findings" in url] == [
        "http://testserver/sitemap-findings.xml",
        "http://testserver/sitemap-findings.xml?p=2",
        "http://testserver/sitemap-findings.xml?p=3",
    ]
    assert [len(locations(page, "en")) for page in pages] == [3, 3, 1]
    assert sorted(url for page in pages for url in locations(page, "en")) == sorted(
        f"http://testserver/en/findings/{finding.slug}/" for finding in published
    )
    assert client.get("/sitemap-findings.xml?p=4").status_code == 404
    assert client.get("/sitemap-findings.xml?p=last").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.django_db
def test_sitemap_pages_run_a_fixed_number_of_queries_whatever_the_rows(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "LIMIT", 5)

    def queries(url: str) -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    PublishedFindingFactory.create_batch(6)
    small = [queries("/sitemap.xml"), queries("/sitemap-findings.xml?p=2")]
    PublishedFindingFactory.create_batch(30)
    large = [queries("/sitemap.xml"), queries("/sitemap-findings.xml?p=7")]

    # The index: one query per model section for where its pages start, one each for the
    # latest change of the findings and of the outputs; a section page: its starts, then its
    # rows.
    assert small == large == [10, 2]


def test_a_section_that_names_no_rows_cannot_be_made():
    from plp_portal.sitemaps import RowSitemap

    class Unfinished(RowSitemap):
        view_name = "findings:finding_detail"

    with pytest.raises(TypeError, match="rows"):
        Unfinished()


@pytest.mark.django_db
def test_sitemap_names_each_page_in_every_language_whatever_the_reader_asks_in(client):
    PublishedFindingFactory(slug="one-finding")

    english = client.get("/sitemap-sections.xml").content.decode()
    french = client.get("/sitemap-sections.xml", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert french == english
    assert locations(english)[:3] == [
        "http://testserver/en/",
        "http://testserver/fr/",
        "http://testserver/es/",
    ]
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/findings/"/>'
        in english
    )
