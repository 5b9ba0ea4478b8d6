"""The open-data dump (manage.py export_open_data) and the Open data page that offers it: every
public table as CSV with a Frictionless datapackage.json that the frictionless library
validates, public content only, and the zip built by the command, never by a request."""

import csv
import io
import json
import re
import zipfile

import frictionless
import pytest
from django.core.management import CommandError, call_command

from events.enums import EventStatus, SessionKind
from findings.exports import spreadsheet_safe
from plp_portal.open_data.tables import TABLES
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    KeyPointFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublishedFindingFactory,
    SessionFactory,
    SourceFactory,
    ThemeFactory,
    sdg,
)
from tests.hostile_strings import HOSTILE_STRINGS

UNLISTED_WORDS = {"draft": "zanzibarquux", "submitted": "quokkaflute", "rejected": "marzipanoboe"}
DRAFT_EVENT_WORD = "yodelcanyon"
PRIVATE_EMAIL = "private.person@example.org"


@pytest.fixture
def programme(db):
    organisation = OrganisationFactory(slug="coop", name="Coop")
    consortium = ConsortiumFactory(slug="silk", short_name="SILK")
    MembershipFactory(consortium=consortium, organisation=organisation, role="lead")
    theme = ThemeFactory(slug="legal-frameworks", name="Legal frameworks")
    person = PersonFactory(slug="ana", affiliation=organisation, email=PRIVATE_EMAIL)
    finding = PublishedFindingFactory(
        consortium=consortium, slug="shared-values", themes=[theme], sdgs=[sdg(8)], countries=["BE"]
    )
    SourceFactory(finding=finding)
    unlisted = [
        FindingFactory(
            consortium=consortium, status=status, title=word, summary=word, themes=[theme]
        )
        for status, word in UNLISTED_WORDS.items()
    ]
    event = EventFactory(slug="event-2021")
    event.themes.set([theme])
    panel = SessionFactory(event=event, moderator=person)
    contribution = ContributionFactory(session=panel, person=person, consortium=consortium)
    contribution.findings.set([finding, *unlisted])
    breakout = BreakoutFactory(
        session=SessionFactory(event=event, kind=SessionKind.BREAKOUTS),
        theme=theme,
        rapporteur=person,
    )
    breakout.participants.set([person])
    breakout.findings.set([finding, *unlisted])
    KeyPointFactory(breakout=breakout).findings.set([finding, *unlisted])
    draft_event = EventFactory(status=EventStatus.DRAFT, title=DRAFT_EVENT_WORD)
    SessionFactory(event=draft_event, title=DRAFT_EVENT_WORD)
    return {"finding": finding, "person": person, "event": event}


def read_dump(directory) -> dict[str, list[dict]]:
    return {
        table.name: list(
            csv.DictReader((directory / f"{table.name}.csv").open(encoding="utf-8", newline=""))
        )
        for table in TABLES
    }


def validation_errors(directory) -> list:
    report = frictionless.validate(str(directory / "datapackage.json"))
    return report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


def test_the_dump_is_a_valid_data_package_of_every_public_table(programme, tmp_path):
    call_command("export_open_data", str(tmp_path), verbosity=0)

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [f"{table.name}.csv" for table in TABLES] + ["datapackage.json"]
    )
    assert validation_errors(tmp_path) == []
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["licenses"] == [
        {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
    ]
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert resources["contribution_findings"]["schema"]["foreignKeys"] == [
        {
            "fields": ["contribution_id"],
            "reference": {"resource": "contributions", "fields": ["id"]},
        },
        {"fields": ["finding_id"], "reference": {"resource": "findings", "fields": ["id"]}},
    ]
    assert resources["finding_themes"]["schema"]["primaryKey"] == ["finding_id", "theme_id"]


def test_the_dump_holds_published_content_only(programme, tmp_path):
    call_command("export_open_data", str(tmp_path), verbosity=0)

    tables = read_dump(tmp_path)
    finding = programme["finding"]
    assert [row["slug"] for row in tables["findings"]] == ["shared-values"]
    assert [row["slug"] for row in tables["events"]] == ["event-2021"]
    for link in ("contribution_findings", "breakout_findings", "key_point_findings"):
        assert [row["finding_id"] for row in tables[link]] == [str(finding.pk)], link
    assert tables["finding_themes"] == [
        {"finding_id": str(finding.pk), "theme_id": str(finding.themes.get().pk)}
    ]
    assert list(tables["people"][0]) == [
        "id", "slug", "honorific", "given_name", "family_name", "position", "affiliation_id"
    ]  # fmt: skip
    everything = "".join(path.read_text() for path in tmp_path.iterdir())
    for word in [*UNLISTED_WORDS.values(), DRAFT_EVENT_WORD, PRIVATE_EMAIL]:
        assert word not in everything


def test_hostile_text_survives_the_dump_as_data(db, tmp_path):
    consortium = ConsortiumFactory()
    for number, hostile in enumerate(HOSTILE_STRINGS.values()):
        OrganisationFactory(slug=f"organisation-{number}", name=hostile, description=hostile)
        PublishedFindingFactory(
            consortium=consortium, slug=f"finding-{number}", title=hostile, body=hostile
        )

    call_command("export_open_data", str(tmp_path), verbosity=0)

    tables = read_dump(tmp_path)
    expected = [spreadsheet_safe(hostile) for hostile in HOSTILE_STRINGS.values()]
    assert sorted(row["title"] for row in tables["findings"]) == sorted(expected)
    assert sorted(row["body"] for row in tables["findings"]) == sorted(expected)
    assert sorted(row["name"] for row in tables["organisations"]) == sorted(expected)
    assert validation_errors(tmp_path) == []


def test_the_command_reports_counts_rate_and_time(programme, tmp_path):
    out, err = io.StringIO(), io.StringIO()

    call_command("export_open_data", str(tmp_path), stdout=out, stderr=err)

    lines = err.getvalue().splitlines()
    assert len(lines) == len(TABLES)
    assert re.fullmatch(r"findings 1/1 \([\d,]+/s, \d+\.\d s\)", lines[7])
    assert re.fullmatch(
        rf"Wrote {len(TABLES)} tables, [\d,]+ rows, to {re.escape(str(tmp_path))} in \d+\.\d s\.",
        out.getvalue().strip(),
    )


def test_the_command_needs_a_directory_or_publish(db, tmp_path):
    with pytest.raises(CommandError, match="Give a directory to write to, or --publish"):
        call_command("export_open_data", verbosity=0)
    with pytest.raises(CommandError, match="Give a directory to write to, or --publish"):
        call_command("export_open_data", str(tmp_path), publish=True, verbosity=0)


def test_the_open_data_page_offers_the_published_dump(client, programme, settings, tmp_path):
    settings.PLP_OPEN_DATA_DIR = tmp_path / "published"
    before = client.get("/en/open-data/")
    missing = client.get("/open-data/plp-open-data.zip")

    call_command("export_open_data", publish=True, verbosity=0)
    page = client.get("/en/open-data/")
    download = client.get("/open-data/plp-open-data.zip")

    assert before.status_code == 200
    assert "The data set has not been published yet" in before.content.decode()
    assert missing.status_code == 404
    html = page.content.decode()
    assert '<a href="/open-data/plp-open-data.zip" download>Download the data set (zip)</a>' in html
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == 'attachment; filename="plp-open-data.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == sorted(
        [f"{table.name}.csv" for table in TABLES] + ["datapackage.json"]
    )
    findings = list(csv.DictReader(io.StringIO(archive.read("findings.csv").decode())))
    assert [row["slug"] for row in findings] == ["shared-values"]
    assert [path.name for path in settings.PLP_OPEN_DATA_DIR.iterdir()] == ["plp-open-data.zip"]


def test_the_open_data_page_explains_the_api_feeds_harvesting_and_licence(client, db):
    html = client.get("/en/open-data/").content.decode()

    for link in [
        '<a href="/en/findings/export.csv" rel="nofollow" download>',
        '<a href="/api/docs/">',
        '<a href="/en/findings/feed.atom">',
        '<a href="/en/findings/feed.rss">',
        "<code>/en/findings/feed.atom?theme=legal-frameworks&amp;q=cooperatives</code>",
        "<code>http://testserver/oai</code>",
        '<a href="http://testserver/oai?verb=ListSets">',
        '<a href="https://creativecommons.org/licenses/by/4.0/">CC-BY-4.0</a>',
        '<h2 id="citations">Citations</h2>',
        "the finding's address followed by <code>cite.bib</code>, <code>cite.ris</code> or",
    ]:
        assert link in html
