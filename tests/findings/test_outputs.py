"""Outputs on the public site: only published ones, counted exactly in the facets, cited in
every format with the same code as findings, in a fixed number of queries."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from events.models import OutputLaunch
from findings.enums import FindingStatus
from findings.output_enums import Licence, OutputType
from findings.output_models import OutputFile
from tests.factories import (
    ConsortiumFactory,
    EventFactory,
    FindingFactory,
    OrganisationFactory,
    OutputFactory,
    PersonFactory,
    PublishedFindingFactory,
    PublishedOutputFactory,
    SessionFactory,
)

UNPUBLISHED = [
    FindingStatus.DRAFT,
    FindingStatus.AWAITING_SIGNOFF,
    FindingStatus.SUBMITTED,
    FindingStatus.CHANGES_REQUESTED,
    FindingStatus.REJECTED,
]


@pytest.fixture(autouse=True)
def rendered_pages(settings):
    settings.PLP_PAGE_CACHE = False


@pytest.fixture
def silk(db):
    return ConsortiumFactory(short_name="SILK", slug="silk")


@pytest.fixture
def paper(silk):
    return PublishedOutputFactory(
        consortium=silk,
        slug="social-value",
        title="Social value & impact",
        output_type=OutputType.WHITE_PAPER,
        date=dt.date(2022, 3, 4),
        licence=Licence.CC_BY,
        doi="10.5281/zenodo.1234567",
        people=[PersonFactory(given_name="Ana", family_name="Ruiz")],
        organisations=[OrganisationFactory(name="Coop Lab")],
    )


@pytest.fixture
def unpublished(silk):
    return [
        OutputFactory(consortium=silk, status=status, slug=f"secret-{status}", title=f"Zq{status}")
        for status in UNPUBLISHED
    ]


def test_list_shows_published_outputs_only(client, paper, unpublished):
    response = client.get(reverse("findings:output_list"))
    assert [output.slug for output in response.context["outputs"]] == ["social-value"]
    assert "Zq" not in response.content.decode()


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_output_has_no_page_nor_citation(client, silk, status):
    output = OutputFactory(consortium=silk, status=status, slug="hidden")
    for name in ("output_detail", "output_cite_bibtex", "output_cite_ris", "output_cite_csl"):
        assert client.get(reverse(f"findings:{name}", args=[output.slug])).status_code == 404


def test_withdrawn_output_keeps_its_page_but_leaves_the_list(client, silk):
    PublishedOutputFactory(consortium=silk, slug="gone", status=FindingStatus.WITHDRAWN)
    assert client.get(reverse("findings:output_detail", args=["gone"])).status_code == 200
    assert list(client.get(reverse("findings:output_list")).context["outputs"]) == []


def test_facet_counts_are_exact(client, silk):
    other = ConsortiumFactory(short_name="PL4SE", slug="pl4se")
    PublishedOutputFactory(consortium=silk, output_type="report", date=dt.date(2021, 1, 1))
    PublishedOutputFactory(consortium=silk, output_type="report", date=dt.date(2022, 1, 1))
    PublishedOutputFactory(
        consortium=other, output_type="dataset", date=dt.date(2022, 5, 1), licence="CC0-1.0"
    )
    OutputFactory(consortium=other, output_type="dataset", status=FindingStatus.SUBMITTED)
    facets = {
        facet.name: [(item.value, item.label, item.count) for item in facet.items]
        for facet in client.get(reverse("findings:output_list")).context["facets"]
    }
    assert facets == {
        "type": [("report", "Report", 2), ("dataset", "Dataset", 1)],
        "consortium": [("pl4se", "PL4SE", 1), ("silk", "SILK", 2)],
        "language": [("en", "English", 3)],
        "year": [("2022", "2022", 2), ("2021", "2021", 1)],
        "licence": [("none", "Not stated", 2), ("CC0-1.0", "CC0 1.0", 1)],
    }
    # Choosing a value narrows the list and the other facets, not its own facet.
    response = client.get(reverse("findings:output_list") + "?year=2022")
    facets = {facet.name: facet for facet in response.context["facets"]}
    assert response.context["paginator"].count == 2
    assert [(i.value, i.count) for i in facets["type"].items] == [("report", 1), ("dataset", 1)]
    assert [(i.value, i.count, i.selected) for i in facets["year"].items] == [
        ("2022", 2, True),
        ("2021", 1, False),
    ]


def test_unknown_facet_values_match_nothing(client, paper):
    for query in ("?year=soon", "?type=novel", "?licence=mine", "?consortium=nobody"):
        response = client.get(reverse("findings:output_list") + query)
        assert (response.status_code, response.context["paginator"].count) == (200, 0), query


def test_list_is_paginated(client, silk):
    for n in range(21):
        PublishedOutputFactory(consortium=silk, title=f"Output {n:02d}")
    first = client.get(reverse("findings:output_list"))
    second = client.get(reverse("findings:output_list") + "?page=2")
    assert (len(first.context["outputs"]), len(second.context["outputs"])) == (20, 1)


def _world(consortium, n):
    person, organisation = PersonFactory(), OrganisationFactory()
    for _ in range(n):
        output = PublishedOutputFactory(
            consortium=consortium, people=[person], organisations=[organisation]
        )
        PublishedFindingFactory(consortium=consortium).outputs.set([output])


@pytest.mark.parametrize("page", ["list", "detail"])
def test_pages_run_a_fixed_number_of_queries(
    client, silk, paper, page, django_assert_max_num_queries
):
    address = (
        reverse("findings:output_list")
        if page == "list"
        else reverse("findings:output_detail", args=[paper.slug])
    )
    # The detail's last query is its files (one prefetch, whatever their number).
    budget = {"list": 9, "detail": 11}[page]
    _world(silk, 2)
    with django_assert_max_num_queries(budget):
        assert client.get(address).status_code == 200
    _world(silk, 20)
    paper.findings.set([PublishedFindingFactory(consortium=silk) for _ in range(5)])
    for n in range(3):
        OutputFile.objects.create(
            output=paper, title=f"Part {n}", file=f"outputs/{n}.pdf", content_type="x", size=1
        )
    with django_assert_max_num_queries(budget):
        assert client.get(address).status_code == 200


def test_page_shows_published_findings_drawn_from_it_and_its_launch(client, silk, paper):
    shown = PublishedFindingFactory(consortium=silk, title="Shown finding")
    hidden = FindingFactory(consortium=silk, title="Hidden zqfinding")
    paper.findings.set([shown, hidden])
    event = EventFactory(slug="plp-2022", title="PLP meeting")
    session = SessionFactory(event=event, title="Launch panel", position=2)
    OutputLaunch.objects.create(output=paper, event=event, session=session)
    response = client.get(reverse("findings:output_detail", args=[paper.slug]))
    html = response.content.decode()
    assert [f.title for f in response.context["output"].published_findings] == ["Shown finding"]
    assert "zqfinding" not in html
    assert response.context["launch"].session == session
    assert f'href="{event.get_absolute_url()}#session-2"' in html


def test_finding_page_lists_published_outputs_only(client, silk, paper, unpublished):
    finding = PublishedFindingFactory(consortium=silk)
    finding.outputs.set([paper, *unpublished])
    html = client.get(finding.get_absolute_url()).content.decode()
    assert f'href="{paper.get_absolute_url()}"' in html
    assert "Zq" not in html


def test_bibtex_is_exact(client, paper):
    response = client.get(reverse("findings:output_cite_bibtex", args=[paper.slug]))
    assert response.content.decode() == (
        "@techreport{social-value,\n"
        "  author = {Ruiz, Ana and {Coop Lab}},\n"
        "  title = {{Social value \\& impact}},\n"
        "  institution = {SILK},\n"
        "  type = {White paper},\n"
        "  year = {2022},\n"
        "  month = mar,\n"
        "  date = {2022-03-04},\n"
        "  url = {http://testserver/en/outputs/social-value/},\n"
        "  doi = {10.5281/zenodo.1234567},\n"
        "  language = {en},\n"
        "}\n"
    )
    assert response["Content-Disposition"] == 'attachment; filename="social-value.bib"'


def test_ris_is_exact(client, paper):
    response = client.get(reverse("findings:output_cite_ris", args=[paper.slug]))
    assert response.content.decode() == (
        "TY  - RPRT\r\nTI  - Social value & impact\r\nAU  - Ruiz, Ana\r\nAU  - Coop Lab\r\n"
        "PB  - SILK\r\nPY  - 2022\r\nDA  - 2022/03/04/\r\n"
        "UR  - http://testserver/en/outputs/social-value/\r\nDO  - 10.5281/zenodo.1234567\r\n"
        "LA  - en\r\nER  - \r\n"
    )


def test_dataset_is_a_dataset_in_every_format(client, silk):
    PublishedOutputFactory(
        consortium=silk, slug="data", title="Survey data", output_type="dataset", date=None
    )
    csl = json.loads(client.get(reverse("findings:output_cite_csl", args=["data"])).content)
    assert csl == [
        {
            "id": "data",
            "type": "dataset",
            "title": "Survey data",
            "author": [{"literal": "SILK"}],
            "publisher": "SILK",
            "URL": "http://testserver/en/outputs/data/",
            "language": "en",
        }
    ]
    bib = client.get(reverse("findings:output_cite_bibtex", args=["data"])).content.decode()
    assert bib.startswith("@misc{data,\n")
    ris = client.get(reverse("findings:output_cite_ris", args=["data"])).content.decode()
    assert ris.startswith("TY  - DATA\r\n")
    page = client.get(reverse("findings:output_detail", args=["data"]))
    assert page.context["citation"] == (
        "SILK. (n.d.). <i>Survey data</i> [Dataset]. SILK. "
        "Retrieved http://testserver/en/outputs/data/"
    )


def test_apa_citation_is_exact(client, paper):
    response = client.get(reverse("findings:output_detail", args=[paper.slug]))
    assert response.context["citation"] == (
        "Ruiz, A., &amp; Coop Lab. (2022). <i>Social value &amp; impact</i> [White paper]. "
        "SILK. https://doi.org/10.5281/zenodo.1234567"
    )


def test_json_ld_names_the_type_and_licence(client, paper):
    data = client.get(reverse("findings:output_detail", args=[paper.slug])).context["linked_data"]
    assert (data["@type"], data["license"], data["identifier"], data["datePublished"]) == (
        "Report",
        "https://creativecommons.org/licenses/by/4.0/",
        "https://doi.org/10.5281/zenodo.1234567",
        dt.date(2022, 3, 4),
    )
    assert [author["name"] for author in data["author"]] == ["Ana Ruiz", "Coop Lab"]
