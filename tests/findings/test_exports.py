"""The findings list as CSV and JSON Lines: the list's own filters, search and sort, every
finding rather than one page, streamed, read back with the csv and json modules."""

import csv
import io
import json

import pytest
from django.template.loader import render_to_string

from findings import exports
from findings.reactions.enums import ReactionKind, ReactionStatus
from findings.reactions.models import Reaction
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    OrganisationFactory,
    PublishedFindingFactory,
    ThemeFactory,
    sdg,
)
from tests.hostile_strings import HOSTILE_STRINGS

UNLISTED_WORDS = {
    "draft": "zanzibarquux",
    "submitted": "quokkaflute",
    "rejected": "marzipanoboe",
    "withdrawn": "pangolinharp",
}


def download(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response.streaming
    return response, b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, query: str = "") -> list[dict]:
    response, text = download(client, f"/en/findings/export.csv{query}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="findings.csv"'
    return list(csv.DictReader(io.StringIO(text, newline="")))


def json_rows(client, query: str = "") -> list[dict]:
    response, text = download(client, f"/en/findings/export.jsonl{query}")
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def findings(db):
    silk = ConsortiumFactory(short_name="SILK", slug="silk")
    legal = ThemeFactory(name="Legal frameworks", slug="legal-frameworks")
    cities = ThemeFactory(name="Cities", slug="cities", position=1)
    older = PublishedFindingFactory(
        consortium=silk,
        slug="older",
        doi="10.5281/zenodo.1234567",
        title="Shared values carry internationalisation",
        summary="Partners abroad matter.",
        published_at="2021-12-01T10:00:00Z",
        themes=[legal, cities],
        sdgs=[sdg(17), sdg(8)],
        countries=["IT", "BE"],
    )
    newer = PublishedFindingFactory(
        slug="newer",
        title="Cities convene the social economy",
        published_at="2021-12-02T10:00:00Z",
        themes=[cities],
    )
    for status, word in UNLISTED_WORDS.items():
        FindingFactory(
            consortium=silk, slug=f"{status}-one", status=status, title=word, summary=word
        )
    return {"older": older, "newer": newer}


def test_csv_holds_every_listed_finding_newest_first(client, findings):
    rows = csv_rows(client)

    older = findings["older"]
    older.refresh_from_db()
    assert [row["slug"] for row in rows] == ["newer", "older"]
    assert rows[1] == {
        "slug": "older",
        "title": "Shared values carry internationalisation",
        "consortium": "silk",
        "consortium_name": "SILK",
        "summary": "Partners abroad matter.",
        "themes": "legal-frameworks; cities",
        "sdgs": "8; 17",
        "countries": "BE; IT",
        "published_at": "2021-12-01T10:00:00Z",
        "updated_at": older.updated_at.isoformat().replace("+00:00", "Z"),
        "url": "http://testserver/findings/older/",
        "doi": "10.5281/zenodo.1234567",
        # Its claim is not given (tests/findings/test_claims.py exports one).
        "kind": "",
        "levers": "",
        "levels": "",
        "evidence": "",
        "sdg_targets": "",
        "contested": "false",
    }


def test_json_lines_hold_lists_as_lists(client, findings):
    rows = json_rows(client)

    assert [row["slug"] for row in rows] == ["newer", "older"]
    assert list(rows[1]) == exports.COLUMNS
    assert (rows[1]["themes"], rows[1]["sdgs"], rows[1]["countries"]) == (
        ["legal-frameworks", "cities"],
        [8, 17],
        ["BE", "IT"],
    )


def test_downloads_say_which_findings_are_contested(client, findings):
    """Contested: at least one published "found otherwise", as ?contested=1 lists them; one
    only submitted, or rejected, does not count."""
    for status in (ReactionStatus.PUBLISHED, ReactionStatus.REJECTED):
        Reaction.objects.create(
            finding=findings["older"],
            organisation=OrganisationFactory(),
            kind=ReactionKind.OTHERWISE,
            status=status,
            evidence="Not in rural areas.",
        )
    Reaction.objects.create(
        finding=findings["newer"],
        organisation=OrganisationFactory(),
        kind=ReactionKind.OTHERWISE,
        status=ReactionStatus.SUBMITTED,
        evidence="Not in rural areas.",
    )

    assert [(row["slug"], row["contested"]) for row in csv_rows(client)] == [
        ("newer", "false"),
        ("older", "true"),
    ]
    assert [(row["slug"], row["contested"]) for row in json_rows(client)] == [
        ("newer", False),
        ("older", True),
    ]
    assert [row["slug"] for row in csv_rows(client, "?contested=1")] == ["older"]


def test_downloads_follow_the_lists_filters_search_and_sort(client, findings):
    assert [row["slug"] for row in csv_rows(client, "?theme=legal-frameworks")] == ["older"]
    assert [row["slug"] for row in json_rows(client, "?q=convene")] == ["newer"]
    assert [row["slug"] for row in csv_rows(client, "?sort=oldest")] == ["older", "newer"]
    assert [row["slug"] for row in json_rows(client, "?consortium=silk&sdg=8")] == ["older"]
    assert csv_rows(client, "?year=1999") == []


def test_unlisted_findings_are_never_downloaded(client, findings):
    texts = [
        download(client, url)[1] for url in ("/en/findings/export.csv", "/en/findings/export.jsonl")
    ]
    texts += [
        download(client, f"/en/findings/export.csv?q={word}")[1] for word in UNLISTED_WORDS.values()
    ]

    for text in texts:
        for word in UNLISTED_WORDS.values():
            assert word not in text


def test_invalid_filters_are_refused_with_the_reason(client, findings):
    response = client.get("/en/findings/export.csv?theme=no-such-theme&sort=sideways")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "No download: some filters in the address are not valid.",
        "theme: Select a valid choice. no-such-theme is not one of the available choices.",
        "sort: Select a valid choice. sideways is not one of the available choices.",
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_a_spreadsheet_would_run_are_made_inert(client, db, start):
    formula = f'{start}HYPERLINK("https://evil.example","x")'
    PublishedFindingFactory(title=formula, summary=formula)

    [row] = csv_rows(client)
    [line] = json_rows(client)

    assert (row["title"], row["summary"]) == (f"'{formula}", f"'{formula}")
    assert line["title"] == formula  # JSON is data, not a spreadsheet: kept as written


@pytest.mark.parametrize("hostile", list(HOSTILE_STRINGS.values()), ids=list(HOSTILE_STRINGS))
def test_hostile_text_keeps_one_record_per_finding(client, db, hostile):
    theme = ThemeFactory(name=hostile, slug="hostile-theme")
    PublishedFindingFactory(title=hostile, summary=hostile, themes=[theme])
    PublishedFindingFactory(slug="after", title="After", published_at="2000-01-01T00:00:00Z")

    rows = csv_rows(client)
    lines = json_rows(client)

    assert [row["title"] for row in rows] == [exports.spreadsheet_safe(hostile), "After"]
    assert [line["title"] for line in lines] == [hostile, "After"]
    assert lines[0]["summary"] == hostile


def test_a_download_costs_the_same_queries_whatever_its_length(
    client, db, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 1000)
    theme = ThemeFactory()
    for _ in range(30):
        PublishedFindingFactory(themes=[theme], sdgs=[sdg(8)])

    # The count, the rows, then their themes and SDGs, and their claim's levers, levels,
    # evidence and SDG targets.
    with django_assert_num_queries(8):
        assert len(csv_rows(client)) == 30


def test_rows_are_read_a_chunk_at_a_time(client, db, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
    for _ in range(25):
        PublishedFindingFactory()

    # The count; three chunks: their themes, SDGs, levers, levels, evidence, targets, six each.
    with django_assert_num_queries(20):
        rows = json_rows(client)

    assert len(rows) == 25


def test_downloads_are_limited_per_address(client, findings, settings):
    settings.PLP_EXPORT_RATE = "2/h"

    statuses = [client.get("/en/findings/export.csv").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_a_list_longer_than_a_download_holds_is_refused_with_the_way_to_the_dump(
    client, findings, settings
):
    listed = len(csv_rows(client))
    settings.PLP_EXPORT_MAX_ROWS = listed - 1

    response = client.get("/en/findings/export.csv")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        f"No download: this list has {listed} findings and a download holds at most {listed - 1}. "
        "Add a "
        "filter or search words, or download every finding at once from the open data page: "
        "http://testserver/en/open-data/\n"
    )


def test_the_list_offers_the_dump_instead_of_links_when_a_download_would_be_too_long(
    client, findings, settings
):
    settings.PLP_EXPORT_MAX_ROWS = 1

    html = client.get("/en/findings/").content.decode()

    assert "export.csv" not in html
    assert (
        "A download holds at most 1 finding: add a filter to download these, or get every "
        'finding from the <a href="/en/open-data/">open data</a> page.'
    ) in html


def test_the_download_links_keep_the_lists_filters_but_not_its_page(rf, db):
    request = rf.get(
        "/en/findings/", {"theme": "cities", "q": "a&b", "page": "3", "facet_all": "x"}
    )

    html = render_to_string("includes/export_links.html", request=request)

    assert (
        '<a href="/en/findings/export.csv?theme=cities&amp;q=a%26b" rel="nofollow" download>'
        in html
    )
    assert (
        '<a href="/en/findings/export.jsonl?theme=cities&amp;q=a%26b" rel="nofollow" download>'
        in html
    )
    assert '<a href="/en/open-data/">' in html
