"""Every text is shown as text in every output format: one corpus of hostile strings
(tests/hostile_strings.py) goes into every kind of text a member, a coordinator or a curator
writes, and through every output that shows it: the public pages, the members' workplace,
the admin, the Atom feed, the API, the citations, the calendars and the e-mails."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import bibtexparser
import icalendar
import pytest
import rispy
from django.core import mail

from consortia.enums import AccessRole, MembershipRole
from consortia.invitations import member_invite
from events import scheduling
from events.enums import SessionKind
from findings import citations, services
from findings.models import Finding
from plp_portal.plain_text import xml_text
from tests.factories import (
    BreakoutFactory,
    ConsortiumAccessFactory,
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
    UserFactory,
    sdg,
)
from tests.hostile_strings import HOSTILE_STRINGS
from tests.latex_text import latex_text
from tests.security.inert_output import (
    atom_problems,
    email_problems,
    html_problems,
    ics_problems,
    rss_problems,
)
from tests.two_factor import force_login_confirmed

# The word each finding's summary also holds, searched for on the findings list.
SEARCHED = "cities"


@pytest.fixture(params=list(HOSTILE_STRINGS.values()), ids=list(HOSTILE_STRINGS))
def hostile(request) -> str:
    return request.param


@pytest.fixture
def world(db, hostile, curators_group):
    """The hostile text in every field a person writes and the public sees."""
    organisation = OrganisationFactory(name=hostile, slug="hostile-organisation", acronym="")
    organisation.description = hostile
    organisation.save()
    consortium = ConsortiumFactory(
        short_name=hostile, title=hostile, slug="hostile", topic=hostile, description=hostile
    )
    MembershipFactory(consortium=consortium, organisation=organisation, role=MembershipRole.LEAD)
    theme = ThemeFactory(name=hostile, slug="hostile-theme", description=hostile)
    person = PersonFactory(
        given_name=hostile,
        family_name=hostile,
        position=hostile,
        slug="hostile-person",
        affiliation=organisation,
    )
    finding = PublishedFindingFactory(
        consortium=consortium,
        title=hostile,
        slug="hostile-finding",
        summary=f"{hostile} {SEARCHED}",
        body=f"{hostile}\n\n[{hostile}]({hostile})\n\n* {hostile}\n\n> {hostile}",
        themes=[theme],
        sdgs=[sdg(8)],
    )
    SourceFactory(finding=finding, label=hostile, url="https://example.org/report.pdf")
    event = EventFactory(
        title=hostile,
        slug="hostile-event",
        venue=hostile,
        summary=hostile,
        description=hostile,
    )
    # Its move's public reason is curated text too, shown on the page, calendars and feeds.
    scheduling.reschedule(
        event,
        starts_at=event.starts_at + dt.timedelta(days=7),
        ends_at=event.ends_at + dt.timedelta(days=7),
        changed_on=None,
        reason=hostile,
    )
    event.themes.set([theme])
    panel = SessionFactory(event=event, title=hostile, summary=hostile, moderator=person)
    contribution = ContributionFactory(
        session=panel, person=person, consortium=consortium, title=hostile, summary=hostile
    )
    contribution.findings.set([finding])
    breakout = BreakoutFactory(
        session=SessionFactory(event=event, title=hostile, kind=SessionKind.BREAKOUTS),
        title=hostile,
        summary=hostile,
        theme=theme,
        rapporteur=person,
    )
    KeyPointFactory(breakout=breakout, text=hostile).findings.set([finding])
    member = UserFactory(username="member-hostile", first_name=hostile, last_name=hostile)
    ConsortiumAccessFactory(user=member, consortium=consortium, role=AccessRole.COORDINATOR)
    curator = UserFactory(
        username="curator-hostile", first_name=hostile, last_name=hostile, is_staff=True
    )
    curator.groups.add(curators_group)
    draft = FindingFactory(
        consortium=consortium, author=member, title=hostile, slug="hostile-draft", body=hostile
    )
    return {"finding": finding, "draft": draft, "member": member, "curator": curator}


PUBLIC_PAGES = [
    "/en/",
    "/en/consortia/",
    "/en/consortia/hostile/",
    "/en/organisations/hostile-organisation/",
    "/en/people/hostile-person/",
    "/en/events/",
    "/en/events/hostile-event/",
    "/en/events/hostile-event/report/",
    "/en/themes/",
    "/en/themes/hostile-theme/",
    "/en/sdgs/8/",
    "/en/findings/",
    "/en/findings/hostile-finding/",
    "/en/findings/hostile-finding/?style=chicago",
]


def test_public_pages_show_it_as_text(client, world, hostile):
    problems = {}
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        problems[path] = html_problems(response.content.decode())

    assert problems == {path: [] for path in PUBLIC_PAGES}
    title = client.get("/en/findings/hostile-finding/").content.decode()
    assert "{{ request.META }}" not in hostile or "{{ request.META }}" in title


def test_search_highlights_only_the_searched_word(client, world):
    response = client.get(f"/en/findings/?q={SEARCHED}")

    assert response.status_code == 200
    assert html_problems(response.content.decode(), highlighted=SEARCHED) == []
    assert response.content.decode().count(f"<mark>{SEARCHED}</mark>") >= 1


def test_the_members_workplace_shows_it_as_text(client, world):
    member = world["member"]
    services.finding_submit(finding=world["draft"], user=member, comment="Ready.")
    services.finding_request_changes(
        finding=world["draft"], user=world["curator"], comment=world["draft"].title
    )
    client.force_login(member)
    pages = ["/en/me/", "/en/me/findings/hostile-draft/", "/en/me/findings/hostile-draft/edit/"]

    problems = {path: html_problems(client.get(path).content.decode()) for path in pages}

    assert problems == {path: [] for path in pages}


def test_the_markdown_preview_shows_it_as_text(client, world, hostile):
    client.force_login(world["member"])
    draft = world["draft"]

    response = client.post(
        "/en/me/findings/hostile-draft/edit/",
        {
            "title": hostile,
            "summary": hostile,
            "body": f"{hostile}\n\n[{hostile}]({hostile})",
            "version": draft.version,
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "action": "preview",
        },
    )

    assert response.status_code == 200
    assert html_problems(response.content.decode()) == []


def test_the_admin_shows_it_as_text(client, world):
    curator = world["curator"]
    draft = world["draft"]
    services.finding_submit(finding=draft, user=world["member"])
    draft.title = f"{draft.title} (revised)"
    draft.save()
    force_login_confirmed(client, curator)
    finding = world["finding"]
    pages = [
        "/admin/",
        "/admin/findings/finding/",
        f"/admin/findings/finding/?q={SEARCHED}",
        f"/admin/findings/finding/{finding.pk}/change/",
        f"/admin/findings/finding/{finding.pk}/history/",
        "/admin/findings/submittedfinding/",
        f"/admin/findings/submittedfinding/{draft.pk}/change/",
        "/admin/consortia/consortium/",
        "/admin/consortia/person/",
        "/admin/events/event/",
    ]

    problems = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        problems[path] = html_problems(response.content.decode())

    assert problems == {path: [] for path in pages}


FEED_SELECTIONS = ["", "?theme=hostile-theme", "?consortium=hostile", "?sdg=8", "?q=cities"]


def test_the_atom_feeds_show_it_as_text(client, world, hostile):
    for query in FEED_SELECTIONS:
        response = client.get("/en/findings/feed.atom" + query)

        assert response.status_code == 200, query
        assert atom_problems(response.content) == [], query


def test_the_rss_feeds_show_it_as_text(client, world, hostile):
    for query in FEED_SELECTIONS:
        response = client.get("/en/findings/feed.rss" + query)

        assert response.status_code == 200, query
        assert rss_problems(response.content) == [], query


def test_a_feed_of_a_hostile_search_names_it_as_text(client, world, hostile):
    atom_response = client.get("/en/findings/feed.atom", {"q": hostile[:200]})
    rss_response = client.get("/en/findings/feed.rss", {"q": hostile[:200]})

    assert atom_problems(atom_response.content) == []
    assert rss_problems(rss_response.content) == []


def test_the_events_atom_feed_shows_it_as_text(client, world, hostile):
    response = client.get("/en/events/feed.atom")

    assert response.status_code == 200
    assert atom_problems(response.content) == []


def test_the_events_rss_feed_escapes_it_for_readers_that_take_descriptions_as_html(
    client, world, hostile
):
    response = client.get("/en/events/feed.rss")

    [item] = ET.fromstring(response.content).iter("item")
    # A reader renders the description as HTML: the text must come out as text.
    assert html_problems(item.findtext("description")) == []
    # (An XML parser reads every line break as a line feed.)
    assert item.findtext("title") == xml_text(hostile).replace("\r\n", "\n").replace("\r", "\n")


API_ANSWERS = [
    "/api/v1/findings/",
    "/api/v1/findings/hostile-finding/",
    "/api/v1/consortia/hostile/",
    "/api/v1/organisations/hostile-organisation/",
    "/api/v1/people/hostile-person/",
    "/api/v1/themes/hostile-theme/",
    "/api/v1/events/hostile-event/",
]


def test_the_api_returns_it_exactly_as_written(client, world, hostile):
    problems = {}
    for path in API_ANSWERS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        data = json.loads(response.content)
        rendered = [value for key, value in _items(data) if key.endswith("_html")]
        problems[path] = [problem for html in rendered for problem in html_problems(html)]
        if hostile not in (value for _, value in _items(data)):
            problems[path].append("the text is not there as written")

    assert problems == {path: [] for path in API_ANSWERS}


def _items(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                yield key, item
            else:
                yield from _items(item)
    elif isinstance(value, list):
        for item in value:
            yield from _items(item)


def test_the_event_report_in_markdown_makes_no_markup_of_it(client, world, hostile):
    from tests.events.report_outputs import Page, commonmark_html, python_markdown_html

    source = client.get("/en/events/hostile-event/report.md").content.decode()
    for render in (commonmark_html, python_markdown_html):
        page = Page(render(source))
        made = {tag for tag, _attrs in page.elements} - {
            "h1",
            "h2",
            "h3",
            "p",
            "ul",
            "ol",
            "li",
            "a",
        }
        assert made == set(), render.__name__
        assert {attrs["href"].split("/")[2] for attrs in page.tags("a")} == {"testserver"}
        assert [text for tag, text in page.headings if tag == "h1"] == [" ".join(hostile.split())]


def test_citations_hold_it_in_their_own_fields(client, world, hostile):
    one_line = citations.single_line(hostile)
    path = "/en/findings/hostile-finding/cite"

    library = bibtexparser.parse_string(client.get(f"{path}.bib").content.decode())
    [record] = rispy.loads(client.get(f"{path}.ris").content.decode())
    [item] = json.loads(client.get(f"{path}.json").content)

    assert library.failed_blocks == []
    [entry] = library.entries
    fields = {field.key: field.value for field in entry.fields}
    assert latex_text(fields["title"]) == one_line
    assert latex_text(fields["author"]) == one_line
    assert (record["title"], record["authors"]) == (one_line, [one_line])
    assert (item["title"], item["author"]) == (one_line, [{"literal": one_line}])


def test_calendars_hold_it_in_their_own_lines(client, world, hostile):
    for path in ["/en/events/hostile-event/calendar.ics", "/en/events/calendar.ics"]:
        response = client.get(path)

        assert response.status_code == 200
        assert ics_problems(response.content, events=1) == [], path
        event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == calendar_text(hostile)
        assert str(event["LOCATION"]) == calendar_text(hostile)


def calendar_text(text: str) -> str:
    """The text as a calendar can carry it: each line break a newline, the control characters
    RFC 5545 forbids (all but tab) dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(char for char in lines if char in "\t\n" or 0x20 <= ord(char) != 0x7F)


def test_review_e_mails_carry_it_in_their_text_only(
    world, hostile, django_capture_on_commit_callbacks
):
    draft = world["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        services.finding_submit(finding=draft, user=world["member"], comment=hostile)
        services.finding_publish(finding=draft, user=world["curator"], comment=hostile)

    assert len(mail.outbox) == 2
    assert [email_problems(message) for message in mail.outbox] == [[], []]
    submitted, published = mail.outbox
    one_line = " ".join(hostile.split())
    assert submitted.subject == f"[PLP Portal] To review: {one_line}"
    assert published.subject == f"[PLP Portal] Published: {one_line}"
    # Plain-text mail: the text as written, not HTML-escaped.
    assert hostile in published.body
    assert f"“{hostile}” ({hostile})" in submitted.body


def test_the_invitation_e_mail_carries_it_in_its_text_only(
    world, hostile, django_capture_on_commit_callbacks
):
    consortium = Finding.objects.get(slug="hostile-finding").consortium
    with django_capture_on_commit_callbacks(execute=True):
        member_invite(
            invited_by=world["member"],
            consortium=consortium,
            email="colleague@example.org",
            first_name=hostile[:150],
            last_name="Colleague",
        )

    (invitation,) = mail.outbox
    assert email_problems(invitation) == []
    assert invitation.subject == f"You are invited to PLP Portal for {' '.join(hostile.split())}"
    assert f"as a member of {hostile} ({hostile})" in invitation.body
