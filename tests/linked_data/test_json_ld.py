"""The schema.org JSON-LD in the head of the event, consortium, organisation, person and
finding pages: valid against the schema.org vocabulary, with the properties Google's rich
results ask for, built from public content only, and unbreakable by hostile text."""

import datetime as dt
import json

import pytest

from events import scheduling
from events.enums import EventFormat
from findings.enums import FindingStatus
from tests.factories import EventFactory
from tests.linked_data.conftest import UNPUBLISHED_WORDS
from tests.linked_data.page_head import json_ld, only_json_ld, read_head
from tests.linked_data.vocabulary import missing, problems

HOST = "http://testserver"
PREVIEW_IMAGE = f"{HOST}/static/img/link-preview.png"
HOSTILE = "</script><script>alert(1)</script>"

# What Google's rich-result guidance requires and recommends of each type (Event, Article for
# a Report); an event's offers are left out: the programme's events are free, without tickets.
REQUIRED = {
    "Event": ["name", "startDate", "location"],
    "Report": ["name", "headline", "author", "datePublished", "url"],
    "Organization": ["name", "url"],
    "Person": ["name", "url"],
}
RECOMMENDED = {
    "Event": [
        "description",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "image",
        "organizer",
        "performer",
        "subEvent",
        "url",
    ],
    "Report": ["description", "about", "dateModified", "image"],
    "Organization": ["member"],
    "Person": ["jobTitle", "affiliation", "givenName", "familyName"],
}


def assert_valid(document: dict) -> None:
    assert document["@context"] == "https://schema.org"
    assert problems(document) == []
    assert missing(document, REQUIRED[document["@type"]]) == []
    assert missing(document, RECOMMENDED[document["@type"]]) == []


def test_event_json_ld_is_a_schema_org_event_with_sessions_speakers_and_organiser(client, world):
    document = only_json_ld(client.get("/en/events/mainstreaming-the-sse/"))

    assert_valid(document)
    page = f"{HOST}/en/events/mainstreaming-the-sse/"
    assert document["@type"] == "Event"
    assert document["name"] == "Mainstreaming the SSE"
    assert document["url"] == page
    assert document["startDate"] == "2021-12-02T13:00:00+01:00"
    assert document["endDate"] == "2021-12-02T15:30:00+01:00"
    assert document["eventStatus"] == "https://schema.org/EventScheduled"
    assert document["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert document["location"] == {"@type": "VirtualLocation", "name": "Zoom", "url": page}
    assert document["organizer"] == {
        "@type": "Organization",
        "name": "Global Action",
        "url": "https://example.org/global-action/",
    }
    assert document["image"] == PREVIEW_IMAGE
    assert [performer["name"] for performer in document["performer"]] == ["Karen Maguire"]
    assert document["performer"][0] == {
        "@type": "Person",
        "name": "Karen Maguire",
        "givenName": "Karen",
        "familyName": "Maguire",
        "honorificPrefix": "Dr",
        "jobTitle": "Head of Division",
        "url": f"{HOST}/en/people/{world['speaker'].slug}/",
        "affiliation": {
            "@type": "Organization",
            "name": "Alpha Network",
            "url": f"{HOST}/en/organisations/{world['lead'].slug}/",
        },
    }
    panel, discussions = document["subEvent"]
    assert panel["name"] == "What we learned"
    assert panel["url"] == f"{page}#session-1"
    # The session's own times, in the event's zone.
    assert (panel["startDate"], panel["endDate"]) == (
        "2021-12-02T13:00:00+01:00",
        "2021-12-02T14:00:00+01:00",
    )
    assert [person["name"] for person in panel["performer"]] == ["Antonella Noya", "Karen Maguire"]
    published = {
        "@type": "Report",
        "name": "Cities convene the social economy",
        "url": f"{HOST}/en/findings/{world['published'].slug}/",
    }
    assert panel["workFeatured"] == [published]
    # No times of its own: the day of this one-day event.
    assert discussions["startDate"] == "2021-12-02"
    assert "endDate" not in discussions
    assert discussions["workFeatured"] == [published]
    assert [term["name"] for term in discussions["about"]] == ["Enabling ecosystems"]


@pytest.mark.parametrize(
    ("event_format", "venue", "mode", "location"),
    [
        (
            EventFormat.IN_PERSON,
            "OECD Conference Centre, Paris",
            "OfflineEventAttendanceMode",
            {
                "@type": "Place",
                "name": "OECD Conference Centre, Paris",
                "address": "OECD Conference Centre, Paris",
            },
        ),
        (
            EventFormat.HYBRID,
            "Brussels",
            "MixedEventAttendanceMode",
            [
                {"@type": "Place", "name": "Brussels", "address": "Brussels"},
                {"@type": "VirtualLocation", "url": f"{HOST}/en/events/meeting/"},
            ],
        ),
    ],
)
def test_event_json_ld_location_follows_the_format(client, db, event_format, venue, mode, location):
    EventFactory(slug="meeting", format=event_format, venue=venue, summary="A meeting.")

    document = only_json_ld(client.get("/en/events/meeting/"))

    assert problems(document) == []
    assert document["eventAttendanceMode"] == f"https://schema.org/{mode}"
    assert document["location"] == location


def test_event_json_ld_of_a_format_to_be_announced_claims_no_place_nor_mode(client, db):
    EventFactory(slug="later", format=EventFormat.TBA, has_programme=False)

    document = only_json_ld(client.get("/en/events/later/"))

    assert problems(document) == []
    assert "location" not in document
    assert "eventAttendanceMode" not in document
    # Only the dates are known: days, not times.
    assert (document["startDate"], document["endDate"]) == ("2021-12-02", "2021-12-02")


def test_consortium_json_ld_is_an_organization_with_its_members(client, world):
    consortium = world["consortium"]

    document = only_json_ld(client.get(f"/en/consortia/{consortium.slug}/"))

    assert_valid(document)
    assert document == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "CITIES",
        "alternateName": "Social innovation and local knowledge",
        "url": f"{HOST}/en/consortia/{consortium.slug}/",
        "description": "How cities convene the social economy.",
        "sameAs": "https://silk.example.org/",
        "member": [
            {
                "@type": "Organization",
                "name": "Alpha Network",
                "alternateName": "AN",
                "url": f"{HOST}/en/organisations/{world['lead'].slug}/",
                "address": {"@type": "PostalAddress", "addressCountry": "ES"},
            },
            {
                "@type": "Organization",
                "name": "Beta Lab",
                "url": document["member"][1]["url"],
                "address": {"@type": "PostalAddress", "addressCountry": "FR"},
            },
        ],
    }


def test_organisation_json_ld_names_its_consortia_and_people(client, world):
    organisation = world["lead"]

    document = only_json_ld(client.get(f"/en/organisations/{organisation.slug}/"))

    assert_valid(document)
    assert document["name"] == "Alpha Network"
    assert document["memberOf"] == [
        {
            "@type": "Organization",
            "name": "CITIES",
            "alternateName": "Social innovation and local knowledge",
            "url": f"{HOST}/en/consortia/{world['consortium'].slug}/",
        }
    ]
    assert document["member"] == [
        {
            "@type": "Person",
            "name": "Karen Maguire",
            "jobTitle": "Head of Division",
            "url": f"{HOST}/en/people/{world['speaker'].slug}/",
        }
    ]


def test_person_json_ld_holds_the_public_fields_only(client, world):
    speaker = world["speaker"]

    response = client.get(f"/en/people/{speaker.slug}/")
    document = only_json_ld(response)

    assert_valid(document)
    assert document == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Karen Maguire",
        "givenName": "Karen",
        "familyName": "Maguire",
        "honorificPrefix": "Dr",
        "jobTitle": "Head of Division",
        "url": f"{HOST}/en/people/{speaker.slug}/",
        "affiliation": {
            "@type": "Organization",
            "name": "Alpha Network",
            "url": f"{HOST}/en/organisations/{world['lead'].slug}/",
        },
    }
    assert "karen.private@example.org" not in response.content.decode()


def test_finding_json_ld_is_a_report_about_its_themes_and_goals(client, world):
    finding = world["published"]

    document = only_json_ld(client.get(f"/en/findings/{finding.slug}/"))

    assert_valid(document)
    assert document["@type"] == "Report"
    assert document["name"] == document["headline"] == "Cities convene the social economy"
    assert document["description"] == "Shared platforms work."
    assert document["datePublished"] == "2021-12-02T12:00:00Z"
    assert document["author"] == {
        "@type": "Organization",
        "name": "CITIES",
        "alternateName": "Social innovation and local knowledge",
        "url": f"{HOST}/en/consortia/{world['consortium'].slug}/",
    }
    assert document["about"] == [
        {
            "@type": "DefinedTerm",
            "name": "Enabling ecosystems",
            "url": f"{HOST}/en/themes/{world['theme'].slug}/",
            "inDefinedTermSet": f"{HOST}/en/themes/",
        },
        {
            "@type": "DefinedTerm",
            "name": "SDG 8: Decent Work and Economic Growth",
            "termCode": "8",
            "url": f"{HOST}/en/sdgs/8/",
            "inDefinedTermSet": "https://sdgs.un.org/goals",
        },
    ]
    assert document["citation"] == [
        {"@type": "CreativeWork", "name": "White paper", "url": "https://example.org/paper.pdf"}
    ]
    assert document["creativeWorkStatus"] == "Published"
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "identifier" not in document and "sameAs" not in document  # it has no DOI


def test_finding_json_ld_gives_its_doi_as_identifier(client, world):
    finding = world["published"]
    finding.doi = "10.5281/zenodo.1234567"
    finding.save()

    document = only_json_ld(client.get(f"/en/findings/{finding.slug}/"))

    assert_valid(document)
    assert document["identifier"] == document["sameAs"] == "https://doi.org/10.5281/zenodo.1234567"


def test_withdrawn_finding_json_ld_says_so(client, world):
    finding = world["published"]
    finding.status = FindingStatus.WITHDRAWN
    finding.save()

    document = only_json_ld(client.get(f"/en/findings/{finding.slug}/"))

    assert problems(document) == []
    assert document["creativeWorkStatus"] == "Withdrawn"


def test_unpublished_findings_appear_in_no_json_ld(client, world):
    pages = [
        "/en/events/mainstreaming-the-sse/",
        f"/en/consortia/{world['consortium'].slug}/",
        f"/en/organisations/{world['lead'].slug}/",
        f"/en/people/{world['speaker'].slug}/",
        f"/en/people/{world['moderator'].slug}/",
        f"/en/findings/{world['published'].slug}/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200
        scripts = read_head(response.content.decode()).scripts
        assert len(scripts) == 1, page
        for word in UNPUBLISHED_WORDS.values():
            assert word not in scripts[0], (page, word)
        # Nor any person's e-mail address.
        assert "private@example.org" not in scripts[0]


def test_hostile_text_stays_inside_its_json_ld_element(client, world):
    event = world["event"]
    event.title = HOSTILE
    event.save()
    speaker = world["speaker"]
    speaker.given_name = HOSTILE
    speaker.save()
    finding = world["published"]
    finding.title = HOSTILE
    finding.save()

    for page, read in [
        ("/en/events/mainstreaming-the-sse/", lambda document: document["name"]),
        (f"/en/people/{speaker.slug}/", lambda document: document["givenName"]),
        (f"/en/findings/{finding.slug}/", lambda document: document["name"]),
    ]:
        html = client.get(page).content.decode()
        head = read_head(html)
        # One script element, whole: the title did not end it nor open another.
        assert len(head.scripts) == 1
        assert html.count("<script") == html.count("</script>")
        assert "<script>alert(1)" not in html
        assert read(json.loads(head.scripts[0])) == HOSTILE


def test_pages_without_linked_data_have_no_json_ld(client, world):
    for page in ["/en/", "/en/events/", "/en/findings/", "/en/consortia/"]:
        assert json_ld(client.get(page)) == []


def test_checker_refuses_what_schema_org_does_not_allow():
    # The checks are not vacuous: each kind of mistake is caught.
    assert problems({"@type": "Organisation"}) == ["$: 'Organisation' is not a schema.org type"]
    assert problems({"@type": "Organization", "performer": {"@type": "Person", "name": "x"}}) == [
        "$.performer: not a property of Organization"
    ]
    assert problems({"@type": "Person", "speaker": "x"}) == [
        "$.speaker: no such schema.org property"
    ]
    assert problems(
        {"@type": "Event", "eventStatus": "https://schema.org/OnlineEventAttendanceMode"}
    ) == ["$.eventStatus[0]: OnlineEventAttendanceMode is not one of ['EventStatusType']"]
    assert problems({"@type": "Event", "startDate": "2 December"}) == [
        "$.startDate[0]: '2 December' does not fit ['Date', 'DateTime']"
    ]
    assert problems({"@type": "Event", "organizer": {"@type": "Place", "name": "x"}}) == [
        "$.organizer[0]: a Place where ['Organization', 'Person'] is expected"
    ]
    # A property of a parent type is valid on its subtypes (Report < Article < CreativeWork).
    assert problems({"@type": "Report", "about": {"@type": "DefinedTerm", "name": "x"}}) == []


def test_a_moved_event_says_so_in_its_json_ld(client, db, django_capture_on_commit_callbacks):
    event = EventFactory(
        slug="moved",
        starts_at=dt.datetime(2022, 12, 14, 9, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2022, 12, 16, 17, 0, tzinfo=dt.UTC),
        has_programme=False,
    )
    scheduling.reschedule(
        event,
        starts_at=dt.datetime(2023, 3, 20, 9, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2023, 3, 21, 17, 0, tzinfo=dt.UTC),
        changed_on=None,
    )

    rescheduled = only_json_ld(client.get("/en/events/moved/"))

    assert problems(rescheduled) == []
    assert rescheduled["eventStatus"] == "https://schema.org/EventRescheduled"
    assert (rescheduled["startDate"], rescheduled["previousStartDate"]) == (
        "2023-03-20",
        ["2022-12-14"],
    )

    with django_capture_on_commit_callbacks(execute=True):  # the cached page is retired
        scheduling.cancel(event, changed_on=dt.date(2023, 1, 5))
    cancelled = only_json_ld(client.get("/en/events/moved/"))

    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["previousStartDate"] == ["2022-12-14"]
