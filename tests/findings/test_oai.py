"""OAI-PMH 2.0 at /oai: the six verbs, oai_dc, sets, selective harvesting, resumption tokens,
deleted records and the protocol's errors. Every response is validated against the OAI-PMH
schema and every oai_dc record against oai_dc.xsd (see oai_xsd/README.md for where they come
from), then read with xml.etree."""

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from findings.oai import views as oai_views
from plp_portal.plain_text import xml_text
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    PublishedFindingFactory,
    SourceFactory,
    ThemeFactory,
    sdg,
)
from tests.hostile_strings import HOSTILE_STRINGS

XSD = Path(__file__).resolve().parent / "oai_xsd"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}"
DC = "{http://purl.org/dc/elements/1.1/}"
OAI_SCHEMA = xmlschema.XMLSchema(str(XSD / "OAI-PMH.xsd"), allow="local")
DC_SCHEMA = xmlschema.XMLSchema(
    str(XSD / "oai_dc.xsd"),
    locations={"http://purl.org/dc/elements/1.1/": str(XSD / "simpledc20021212.xsd")},
    allow="local",
)
DC_PREFIX = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
UNLISTED_WORDS = {"draft": "zanzibarquux", "submitted": "quokkaflute", "rejected": "marzipanoboe"}


def harvest(client, method="get", **params) -> ET.Element:
    response = getattr(client, method)("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    OAI_SCHEMA.validate(root)
    for record in root.iter(f"{OAI_DC}dc"):
        DC_SCHEMA.validate(record)
    return root


def error_code(root: ET.Element) -> str | None:
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def identifiers(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{OAI}identifier")]


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def changed_at(finding, moment: str) -> None:
    """Give a finding this datestamp (``updated_at`` moves on every save)."""
    type(finding).objects.filter(pk=finding.pk).update(updated_at=at(moment))


@pytest.fixture
def programme(db):
    silk = ConsortiumFactory(short_name="SILK", slug="silk")
    other = ConsortiumFactory(short_name="RRR", slug="rrr")
    legal = ThemeFactory(name="Legal frameworks", slug="legal-frameworks")
    cities = ThemeFactory(name="Cities", slug="cities")
    first = PublishedFindingFactory(
        consortium=silk,
        title="Partners abroad need shared values",
        slug="partners-abroad",
        summary="Shared values carry internationalisation.",
        published_at=at("2021-12-02T10:00:00+00:00"),
        themes=[legal],
        sdgs=[sdg(8), sdg(17)],
        countries=["BE", "IT"],
    )
    SourceFactory(finding=first, url="https://example.org/silk.pdf")
    second = PublishedFindingFactory(
        consortium=other, slug="cities-convene", title="Cities convene", themes=[cities]
    )
    withdrawn = PublishedFindingFactory(consortium=silk, slug="withdrawn-one", status="withdrawn")
    for status, word in UNLISTED_WORDS.items():
        FindingFactory(
            consortium=silk, slug=f"{status}-one", status=status, title=f"A {word}", themes=[legal]
        )
    changed_at(first, "2021-12-02T10:00:00+00:00")
    changed_at(second, "2021-12-03T09:30:00+00:00")
    changed_at(withdrawn, "2021-12-04T08:00:00+00:00")
    return {"first": first, "second": second, "withdrawn": withdrawn}


def oai_id(finding) -> str:
    return f"oai:127.0.0.1:finding/{finding.pk}"


def test_identify_describes_the_repository(client, programme, settings):
    settings.PLP_OAI_ADMIN_EMAIL = "data@example.org"

    root = harvest(client, verb="Identify")

    identify = root.find(f"{OAI}Identify")
    assert {child.tag.removeprefix(OAI): child.text for child in identify} == {
        "repositoryName": "PLP Portal",
        "baseURL": "http://testserver/oai",
        "protocolVersion": "2.0",
        "adminEmail": "data@example.org",
        "earliestDatestamp": "2021-12-02T10:00:00Z",
        "deletedRecord": "persistent",
        "granularity": "YYYY-MM-DDThh:mm:ssZ",
    }
    request = root.find(f"{OAI}request")
    assert (request.text, request.attrib) == ("http://testserver/oai", {"verb": "Identify"})


def test_list_metadata_formats_offers_dublin_core(client, programme):
    root = harvest(client, verb="ListMetadataFormats", identifier=oai_id(programme["first"]))

    [offered] = root.iter(f"{OAI}metadataFormat")
    assert [child.text for child in offered] == [
        "oai_dc",
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    ]


def test_get_record_gives_a_finding_in_dublin_core(client, programme, settings):
    finding = programme["first"]

    root = harvest(client, verb="GetRecord", identifier=oai_id(finding), metadataPrefix="oai_dc")

    header = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}header")
    assert [child.text for child in header] == [
        oai_id(finding),
        "2021-12-02T10:00:00Z",
        "consortium:silk",
        "theme:legal-frameworks",
    ]
    dc = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata/{OAI_DC}dc")
    assert [(child.tag.removeprefix(DC), child.text) for child in dc] == [
        ("title", "Partners abroad need shared values"),
        ("creator", "SILK"),
        ("subject", "Legal frameworks"),
        ("subject", "SDG 8: Decent Work and Economic Growth"),
        ("subject", "SDG 17: Partnerships for the Goals"),
        ("description", "Shared values carry internationalisation."),
        ("publisher", "PLP Portal"),
        ("date", "2021-12-02"),
        ("type", "Text"),
        ("identifier", "http://testserver/findings/partners-abroad/"),
        ("relation", "https://example.org/silk.pdf"),
        ("coverage", "BE"),
        ("coverage", "IT"),
        ("rights", settings.PLP_DATA_LICENCE_URL),
    ]


def test_a_findings_doi_is_a_second_identifier(client, programme):
    finding = programme["first"]
    type(finding).objects.filter(pk=finding.pk).update(doi="10.5281/zenodo.1234567")

    root = harvest(client, verb="GetRecord", identifier=oai_id(finding), metadataPrefix="oai_dc")

    dc = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata/{OAI_DC}dc")
    assert [child.text for child in dc.findall(f"{DC}identifier")] == [
        "http://testserver/findings/partners-abroad/",
        "https://doi.org/10.5281/zenodo.1234567",
    ]


def test_a_withdrawn_finding_is_a_deleted_record_without_metadata(client, programme):
    withdrawn = programme["withdrawn"]

    root = harvest(client, verb="GetRecord", identifier=oai_id(withdrawn), metadataPrefix="oai_dc")

    record = root.find(f"{OAI}GetRecord/{OAI}record")
    assert record.find(f"{OAI}header").get("status") == "deleted"
    assert record.find(f"{OAI}metadata") is None


def test_list_records_gives_public_findings_oldest_change_first(client, programme):
    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")

    assert identifiers(root) == [
        oai_id(programme["first"]),
        oai_id(programme["second"]),
        oai_id(programme["withdrawn"]),
    ]
    statuses = [header.get("status") for header in root.iter(f"{OAI}header")]
    assert statuses == [None, None, "deleted"]
    assert root.find(f"{OAI}ListRecords/{OAI}resumptionToken") is None  # one page


def test_unlisted_findings_appear_in_no_answer(client, programme):
    answers = [
        harvest(client, verb=verb, metadataPrefix="oai_dc", **extra)
        for verb, extra in [
            ("ListRecords", {}),
            ("ListIdentifiers", {}),
            ("ListRecords", {"set": "theme:legal-frameworks"}),
        ]
    ] + [harvest(client, verb="ListSets")]
    text = b"".join(ET.tostring(root) for root in answers).decode()
    for word in UNLISTED_WORDS.values():
        assert word not in text
    for status in UNLISTED_WORDS:
        draft = type(programme["first"]).objects.get(slug=f"{status}-one")
        root = harvest(client, verb="GetRecord", identifier=oai_id(draft), metadataPrefix="oai_dc")
        assert error_code(root) == "idDoesNotExist"


def test_selective_harvesting_by_date_includes_both_ends(client, programme):
    by_day = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="2021-12-03")
    by_second = harvest(
        client,
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        **{"from": "2021-12-03T09:30:00Z", "until": "2021-12-04T08:00:00Z"},
    )
    since = harvest(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2021-12-04"})

    assert identifiers(by_day) == [oai_id(programme["first"]), oai_id(programme["second"])]
    assert identifiers(by_second) == [oai_id(programme["second"]), oai_id(programme["withdrawn"])]
    assert identifiers(since) == [oai_id(programme["withdrawn"])]


def test_sets_per_consortium_and_theme(client, programme):
    sets = harvest(client, verb="ListSets")
    silk = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="consortium:silk")
    cities = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="theme:cities")
    any_theme = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="theme")

    assert [(s.find(f"{OAI}setSpec").text, s.find(f"{OAI}setName").text) for s in sets.iter(
        f"{OAI}set"
    )] == [
        ("consortium", "Findings by consortium"),
        ("theme", "Findings by theme"),
        ("consortium:rrr", "Findings of RRR"),
        ("consortium:silk", "Findings of SILK"),
        ("theme:cities", "Findings on Cities"),
        ("theme:legal-frameworks", "Findings on Legal frameworks"),
    ]  # fmt: skip
    assert identifiers(silk) == [oai_id(programme["first"]), oai_id(programme["withdrawn"])]
    assert identifiers(cities) == [oai_id(programme["second"])]
    assert identifiers(any_theme) == [oai_id(programme["first"]), oai_id(programme["second"])]


def test_resumption_tokens_walk_the_whole_list_once(client, programme, monkeypatch):
    monkeypatch.setattr(oai_views, "RECORDS_PER_PAGE", 2)
    extra = [PublishedFindingFactory(slug=f"later-{n}") for n in range(2)]
    for n, finding in enumerate(extra):
        changed_at(finding, f"2021-12-05T0{n}:00:00+00:00")

    pages, params = [], {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    while True:
        root = harvest(client, **params)
        pages.append(root)
        token = root.find(f"{OAI}ListRecords/{OAI}resumptionToken")
        if token is None or not token.text:
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text}

    tokens = [root.find(f"{OAI}ListRecords/{OAI}resumptionToken") for root in pages]
    assert [(t.get("cursor"), t.get("completeListSize")) for t in tokens] == [
        ("0", "5"),
        ("2", "5"),
        ("4", "5"),
    ]
    assert tokens[-1].text is None  # the empty token closes a list given in pages
    harvested = [identifier for root in pages for identifier in identifiers(root)]
    assert harvested == [
        oai_id(programme["first"]),
        oai_id(programme["second"]),
        oai_id(programme["withdrawn"]),
        *[oai_id(finding) for finding in extra],
    ]


def test_a_resumption_token_keeps_the_set_and_dates_it_began_with(client, programme, monkeypatch):
    monkeypatch.setattr(oai_views, "IDENTIFIERS_PER_PAGE", 1)

    first = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="consortium:silk")
    token = first.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken").text
    second = harvest(client, verb="ListIdentifiers", resumptionToken=token)

    assert identifiers(first) + identifiers(second) == [
        oai_id(programme["first"]),
        oai_id(programme["withdrawn"]),
    ]
    assert second.find(f"{OAI}request").attrib == {
        "verb": "ListIdentifiers",
        "resumptionToken": token,
    }


def test_post_is_answered_as_get_is(client, programme):
    root = harvest(client, method="post", verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert len(identifiers(root)) == 3


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "ListEverything"}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-12"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-02-30"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-12-01",
             "until": "2021-12-02T00:00:00Z"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-12-05",
             "until": "2021-12-01"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "a set"}, "badArgument"),
        ({**DC_PREFIX, "resumptionToken": "x"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "forged"}, "badResumptionToken"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:finding/1"},
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "oai:x:finding/9"}, "idDoesNotExist"),
        ({**DC_PREFIX, "set": "theme:none"}, "noRecordsMatch"),
        ({**DC_PREFIX, "until": "2001-01-01"}, "noRecordsMatch"),
    ],
)  # fmt: skip
def test_wrong_requests_get_the_protocols_error(client, programme, params, code):
    root = harvest(client, **params)

    assert error_code(root) == code
    request = root.find(f"{OAI}request")
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}  # the protocol names no arguments of a wrong request
    else:
        assert request.attrib == params


def test_a_repeated_argument_is_a_bad_argument(client, programme):
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")

    root = ET.fromstring(response.content)
    OAI_SCHEMA.validate(root)
    assert error_code(root) == "badArgument"


def test_a_token_of_one_verb_is_refused_by_another(client, programme, monkeypatch):
    monkeypatch.setattr(oai_views, "IDENTIFIERS_PER_PAGE", 1)
    first = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken").text

    root = harvest(client, verb="ListRecords", resumptionToken=token)

    assert error_code(root) == "badResumptionToken"


@pytest.mark.parametrize("hostile", list(HOSTILE_STRINGS.values()), ids=list(HOSTILE_STRINGS))
def test_hostile_text_arrives_as_text(client, db, hostile):
    consortium = ConsortiumFactory(short_name=hostile[:80], slug="hostile")
    theme = ThemeFactory(name=hostile, slug="hostile-theme")
    PublishedFindingFactory(consortium=consortium, title=hostile, summary=hostile, themes=[theme])

    records = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    sets = harvest(client, verb="ListSets")

    # XML cannot carry control characters, and its parsers read a line break as one LF.
    expected = xml_text(hostile).replace("\r\n", "\n").replace("\r", "\n")
    dc = records.find(f"{OAI}ListRecords/{OAI}record/{OAI}metadata/{OAI_DC}dc")
    assert dc.find(f"{DC}title").text == expected
    assert dc.find(f"{DC}description").text == expected
    assert dc.find(f"{DC}creator").text == xml_text(hostile[:80]).replace("\r\n", "\n")
    assert [child.text for child in dc.findall(f"{DC}subject")] == [expected]
    names = [element.text for element in sets.iter(f"{OAI}setName")]
    assert f"Findings on {expected}" in names


def test_a_page_costs_the_same_queries_whatever_its_length(client, db, django_assert_num_queries):
    theme = ThemeFactory()
    PublishedFindingFactory(themes=[theme], sdgs=[sdg(8)])
    with django_assert_num_queries(4):  # the page, its themes, SDGs and sources
        harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    for _ in range(30):
        SourceFactory(finding=PublishedFindingFactory(themes=[theme], sdgs=[sdg(8)]))

    with django_assert_num_queries(4):
        root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")

    assert len(identifiers(root)) == 31


def test_harvesting_is_limited_per_address(client, programme, settings):
    settings.PLP_OAI_RATE = "2/m"

    statuses = [client.get("/oai", {"verb": "Identify"}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
