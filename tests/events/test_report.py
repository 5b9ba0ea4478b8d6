"""An event's report (/events/<slug>/report/, report.md, report.pdf): complete for the demo,
public content only, hostile text inert in every format, a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events import scheduling
from events.enums import ContributionKind, EventStatus, SessionKind
from events.models import Event
from events.report_pdf import StaticFilesOnly
from findings.enums import FindingStatus
from tests.events.report_outputs import (
    Page,
    commonmark_html,
    demo_key_points,
    demo_people_in_programme_order,
    in_order,
    pdf_link_targets,
    pdf_text,
    python_markdown_html,
    squeezed,
)
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    KeyPointFactory,
    OrganisationFactory,
    PersonFactory,
    PublishedFindingFactory,
    SessionFactory,
)
from tests.public.conftest import build_programme

DEMO_EVENT = "mainstreaming-the-sse-2021"
FORMATS = ["event_report", "event_report_markdown", "event_report_pdf"]


@pytest.fixture(autouse=True)
def rendered_pages(settings):
    # Each request renders: the page cache would answer the second one without the view.
    settings.PLP_PAGE_CACHE = False


def report_urls(slug: str) -> dict[str, str]:
    return {name: reverse(f"events:{name}", args=[slug]) for name in FORMATS}


def texts(client, slug: str) -> dict[str, str]:
    """The report's text in each format, as its reader sees it."""
    urls = report_urls(slug)
    html = client.get(urls["event_report"])
    markdown = client.get(urls["event_report_markdown"])
    pdf = client.get(urls["event_report_pdf"])
    assert (html.status_code, markdown.status_code, pdf.status_code) == (200, 200, 200)
    source = markdown.content.decode()
    return {
        "html": Page(html.content.decode()).text,
        "markdown (CommonMark)": Page(commonmark_html(source)).text,
        "markdown (Python-Markdown)": Page(python_markdown_html(source)).text,
        "pdf": pdf_text(pdf.content),
    }


# The demo's 2021 event, complete and in programme order.

AGENDA = [
    "Karen Maguire",
    "Stefan Schleuning",
    "Max Bulakovskiy",
    "Gianluca Pastorelli",
    "Mariana Nunes",
    "Carlos Lozano",
    "Ingo Michelfelder",
    "Ben Carpenter",
    "Assiri Valdes Querol",
    "Alexander Kesselring",
    "Aneta Qurai Shy",
    "John Sherman",
    "Antonella Noya",
]


def test_demo_data_names_the_agenda_of_the_2021_event():
    # The agenda (../shared/domain.md) prints family names in capitals; the portal as written.
    assert demo_people_in_programme_order() == AGENDA


@pytest.mark.django_db
def test_demo_report_has_every_person_and_key_point_in_programme_order_in_every_format(
    client, demo
):
    points = demo_key_points()
    assert len(points) == 13  # 4 + 4 + 5 for the three breakouts

    for output, text in texts(client, DEMO_EVENT).items():
        assert in_order(text, AGENDA) == AGENDA, output
        assert in_order(text, points) == points, output


@pytest.mark.django_db
def test_demo_report_html_reads_as_sentences_with_positions(client, demo):
    page = Page(client.get(reverse("events:event_report", args=[DEMO_EVENT])).content.decode())

    assert (
        "Karen Maguire (Head of the Local Employment, Skills and Social Innovation (LESI) "
        "Division, OECD) and Stefan Schleuning (Head of Unit, Industrialised countries and "
        "foreign policy support, FPI) opened the event."
    ) in page.text
    assert "Max Bulakovskiy (OECD) moderated the session." in page.text
    assert "Gianluca Pastorelli (DIESIS Network) presented for SILK." in page.text
    assert "The event was held online on Thursday 2 December 2021, 13:00–15:30 CET (UTC+01:00)"
    assert (
        "Alexander Kesselring, its rapporteur, reported four key points to the plenary:"
        in page.text
    )
    assert (
        "Global Action Final Conference, first announced for 14–16 December 2022, was "
        "rescheduled to 20–21 March 2023."
    ) in page.text
    assert page.headings == [
        ("h1", "Mainstreaming the Social and Solidarity Economy: Perspectives from the "
         "Peer-learning Partnerships"),
        ("h2", "Opening remarks"),
        ("h2", "Session 1: What did we learn from the Peer-learning Partnerships?"),
        ("h3", "Findings of SILK"),
        ("h3", "Findings of ImpactHub consortium"),
        ("h3", "Findings of PL4SE-PLP"),
        ("h3", "Findings of SIM"),
        ("h3", "Findings of Social Value consortium"),
        ("h3", "Findings of Respond, Rebuild and Reinvent"),
        ("h2", "Session 2: Peer-learning Partnerships Breakout Discussions"),
        ("h3", "Building Better Enabling Ecosystems"),
        ("h3", "Connecting the SSE in the EU and Globally"),
        ("h3", "Raising SSE Visibility and its Impact"),
        ("h2", "Closing remarks"),
        ("h2", "Next milestones"),
        ("h2", "Conclusions"),
    ]  # fmt: skip


@pytest.mark.django_db
def test_demo_report_reads_in_french(client, demo):
    with_prefix = reverse("events:event_report", args=[DEMO_EVENT]).replace("/en/", "/fr/", 1)

    page = Page(client.get(with_prefix).content.decode())

    assert "L’événement s’est tenu en ligne le jeudi 2 décembre 2021" in page.text


# Only public content.

SECRET_WORDS = {
    FindingStatus.DRAFT: "zeppelindraftword",
    FindingStatus.SUBMITTED: "quokkasubmittedword",
    FindingStatus.REJECTED: "xylophonerejectedword",
}


@pytest.mark.django_db
def test_report_shows_published_findings_and_never_unpublished_ones(client):
    event = EventFactory(slug="public-only")
    panel = SessionFactory(event=event, position=1)
    breakouts = SessionFactory(event=event, position=2, kind=SessionKind.BREAKOUTS)
    contribution = ContributionFactory(session=panel, position=1)
    breakout = BreakoutFactory(session=breakouts, position=1)
    point = KeyPointFactory(breakout=breakout, position=1)
    published = PublishedFindingFactory(title="Published finding", summary="Shown to all.")
    hidden = [
        FindingFactory(status=status, title=f"Title {word}", summary=f"Summary {word}")
        for status, word in SECRET_WORDS.items()
    ]
    for relation in (contribution.findings, breakout.findings, point.findings):
        relation.set([published, *hidden])

    for output, text in texts(client, event.slug).items():
        assert "Published finding" in text, output
        for word in SECRET_WORDS.values():
            assert word not in text.lower(), (output, word)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize(
    "event_kwargs",
    [
        {"status": EventStatus.DRAFT},
        # Not over yet: nothing to report.
        {
            "starts_at": timezone.now() + dt.timedelta(days=30),
            "ends_at": timezone.now() + dt.timedelta(days=30, hours=2),
        },
        {"has_programme": False},
    ],
    ids=["draft", "upcoming", "dates-only"],
)
def test_report_of_a_draft_upcoming_or_dates_only_event_is_404(client, name, event_kwargs):
    event = EventFactory(**event_kwargs)
    SessionFactory(event=event, position=1)

    response = client.get(reverse(f"events:{name}", args=[event.slug]))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORMATS)
def test_report_of_an_event_without_sessions_or_of_no_event_is_404(client, name):
    event = EventFactory()

    assert client.get(reverse(f"events:{name}", args=[event.slug])).status_code == 404
    assert client.get(reverse(f"events:{name}", args=["no-such-event"])).status_code == 404


# Hostile text stays text.

HOSTILE_TITLE = "A *starred* # title [x](javascript:alert(1)) `code` <script>alert(1)</script>"
HOSTILE_LINES = "- not a list\n# not a heading\n1. not numbered\n> not a quote\n    not code"


@pytest.fixture
def hostile_event(db):
    event = EventFactory(
        slug="hostile",
        title=HOSTILE_TITLE,
        summary="_under_ **strong** ~~struck~~ | a | b |\n|---|---|",
        venue="Room <b>1</b> & [more](javascript:x)",
        format="in_person",
        report_introduction=HOSTILE_LINES,
    )
    person = PersonFactory(
        given_name="Eve <img src=x onerror=alert(1)>",
        family_name="[Mallory](javascript:alert(2))",
        position="Head of `ticks` *stars*",
        affiliation=OrganisationFactory(acronym="<i>ORG</i>"),
    )
    session = SessionFactory(event=event, position=1, title="# Session *one*", moderator=person)
    ContributionFactory(
        session=session,
        position=1,
        person=person,
        consortium=ConsortiumFactory(short_name="![img](http://evil.example/x.png)"),
        title="<h2>Injected</h2>",
    )
    breakouts = SessionFactory(event=event, position=2, kind=SessionKind.BREAKOUTS)
    breakout = BreakoutFactory(session=breakouts, position=1, title="Breakout \\*escaped\\*")
    KeyPointFactory(breakout=breakout, position=1, text=HOSTILE_LINES)
    return event


@pytest.mark.django_db
def test_hostile_text_is_escaped_in_the_html(client, hostile_event):
    response = client.get(reverse("events:event_report", args=[hostile_event.slug]))
    page = Page(response.content.decode())

    assert ("h1", " ".join(HOSTILE_TITLE.split())) in page.headings
    assert not [attrs for attrs in page.tags("a") if "javascript" in attrs.get("href", "")]
    assert [attrs["src"] for attrs in page.tags("img")] == ["/static/img/logo.svg"]  # the site's
    assert page.tags("i") == [] and page.tags("b") == []
    # The only scripts are none: the hostile one is text.
    assert page.tags("script") == []
    assert ("h2", "# Session *one*") in page.headings
    assert ("h3", "<h2>Injected</h2>") in page.headings


@pytest.mark.django_db
@pytest.mark.parametrize("render", [commonmark_html, python_markdown_html])
def test_hostile_text_makes_no_markup_in_the_markdown(client, hostile_event, render):
    response = client.get(reverse("events:event_report_markdown", args=[hostile_event.slug]))
    page = Page(render(response.content.decode()))

    # The title is the document's one h1, word for word.
    assert [text for tag, text in page.headings if tag == "h1"] == [" ".join(HOSTILE_TITLE.split())]
    # No emphasis, code, image, raw HTML, table, quote or code block made by the data; links
    # only to the site itself.
    for tag in ("em", "strong", "code", "pre", "img", "script", "b", "i", "table", "blockquote"):
        assert page.tags(tag) == [], tag
    assert page.tags("del") == [] and page.tags("s") == []
    assert {attrs["href"].split("/")[2] for attrs in page.tags("a")} == {"testserver"}
    # The introduction's and the key point's lines are one paragraph of text each.
    assert page.text.count(" ".join(HOSTILE_LINES.split())) == 2
    assert "Breakout \\*escaped\\*" in page.text
    assert "<h2>Injected</h2>" in page.text


@pytest.mark.django_db
def test_hostile_text_is_plain_text_in_the_pdf(client, hostile_event):
    response = client.get(reverse("events:event_report_pdf", args=[hostile_event.slug]))

    text = pdf_text(response.content)
    assert squeezed(HOSTILE_TITLE) in squeezed(text)
    assert squeezed("Room <b>1</b> & [more](javascript:x)") in squeezed(text)
    targets = pdf_link_targets(response.content)
    assert targets and all(target.startswith("http://testserver/en/") for target in targets)


def test_markdown_escaping_of_a_title_with_markup_characters():
    from events.report_markdown import escape_markdown

    assert escape_markdown("*a* #b [x](javascript:y) `c`") == (
        "\\*a\\* \\#b \\[x\\](javascript:y) \\`c\\`"
    )
    assert escape_markdown("- item\nnext") == "\\- item next"
    assert escape_markdown("12. twelve") == "12\\. twelve"
    assert escape_markdown("<b> & | ~") == "&lt;b> &amp; &#124; &#126;"


# What the report says, and what it leaves out.


@pytest.mark.django_db
def test_missing_data_leaves_no_empty_heading_or_sentence(client):
    event = EventFactory(slug="bare", programme=None)
    SessionFactory(event=event, position=1, title="Only session", moderator=None)

    page = Page(client.get(reverse("events:event_report", args=[event.slug])).content.decode())

    assert [text for _tag, text in page.headings] == [event.title, "Only session"]
    assert "moderated" not in page.text and "rapporteur" not in page.text


@pytest.mark.django_db
def test_curators_introduction_and_conclusions_open_and_close_the_report(client):
    event = EventFactory(
        slug="curated",
        report_introduction="First paragraph of the introduction.\n\nSecond one.",
        report_conclusions="What we concluded.",
        participant_count=1200,
        contributor_count=1,
    )
    event.report_introduction_fr = "Introduction en français."
    event.save()
    SessionFactory(event=event, position=1, title="The session")
    url = reverse("events:event_report", args=[event.slug])

    page = Page(client.get(url).content.decode())
    french = Page(client.get(url.replace("/en/", "/fr/", 1)).content.decode())

    assert in_order(
        page.text,
        [
            "First paragraph of the introduction.",
            "Second one.",
            "The event was held online on",
            "1,200 people took part. 1 contributor spoke or presented.",
            "The session",
            "Conclusions",
            "What we concluded.",
        ],
    ) == [
        "First paragraph of the introduction.",
        "Second one.",
        "The event was held online on",
        "1,200 people took part. 1 contributor spoke or presented.",
        "The session",
        "Conclusions",
        "What we concluded.",
    ]
    assert "Introduction en français." in french.text
    assert "First paragraph" not in french.text


@pytest.mark.django_db
def test_presentations_summarise_their_published_findings(client):
    event = EventFactory(slug="presented")
    session = SessionFactory(event=event, position=1, moderator=None)
    consortium = ConsortiumFactory(short_name="SILK")
    contribution = ContributionFactory(
        session=session,
        position=1,
        consortium=consortium,
        title="",
        person=PersonFactory(given_name="Gianluca", family_name="Pastorelli", affiliation=None),
    )
    contribution.findings.set(
        [PublishedFindingFactory(title="Assets matter", summary="Intangible assets count.")]
    )
    ContributionFactory(
        session=session,
        position=2,
        consortium=None,
        kind=ContributionKind.REMARKS,
        summary="Thanked everyone.",
        person=PersonFactory(given_name="Ana", family_name="Speaker", affiliation=None),
    )

    page = Page(client.get(reverse("events:event_report", args=[event.slug])).content.decode())

    assert "Ana Speaker spoke. Ana Speaker: Thanked everyone." in page.text
    assert (
        "Gianluca Pastorelli presented for SILK. The presentation covered one published "
        "finding: Assets matter: Intangible assets count."
    ) in page.text
    assert ("h3", "SILK") in page.headings


# Downloads.


@pytest.mark.django_db
def test_downloads_are_attachments_of_their_types(client, demo):
    markdown = client.get(reverse("events:event_report_markdown", args=[DEMO_EVENT]))
    pdf = client.get(reverse("events:event_report_pdf", args=[DEMO_EVENT]))

    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert markdown["Content-Disposition"] == (f'attachment; filename="{DEMO_EVENT}-report.md"')
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="{DEMO_EVENT}-report.pdf"'
    assert pdf.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_pdf_is_made_once_then_served_from_the_cache_until_the_content_changes(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    event = EventFactory(slug="cached")
    breakouts = SessionFactory(event=event, position=1, kind=SessionKind.BREAKOUTS)
    point = KeyPointFactory(breakout=BreakoutFactory(session=breakouts), text="Before the edit.")
    url = reverse("events:event_report_pdf", args=[event.slug])
    first = client.get(url)

    # Served from the cache: only the moment the report next changes by itself is asked for.
    with django_assert_max_num_queries(1):
        again = client.get(url)
    point.text = "After the edit."
    with django_capture_on_commit_callbacks(execute=True):
        point.save()  # committed: its kind's cache tag gets a new version
    edited = client.get(url)

    assert again.content == first.content
    assert "Before the edit." in pdf_text(first.content)
    assert "After the edit." in pdf_text(edited.content)


def test_pdf_fetches_only_our_own_static_files():
    fetcher = StaticFilesOnly("http://testserver/")

    stylesheet = fetcher.fetch("http://testserver/static/css/report.css")
    assert b"@page" in stylesheet.read()
    for url in [
        "http://evil.example/static/css/report.css",
        "https://testserver/static/css/report.css",
        "http://testserver/en/events/",
        "http://testserver/static/../settings.py",
        "file:///etc/passwd",
        "http://testserver/static/css/missing.css",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# Where readers find it.


@pytest.mark.django_db
def test_event_page_links_every_format_of_a_past_events_report(client, demo):
    page = Page(client.get(reverse("events:event_detail", args=[DEMO_EVENT])).content.decode())
    later = Page(
        client.get(
            reverse("events:event_detail", args=["global-action-final-conference"])
        ).content.decode()
    )

    links = {attrs["href"] for attrs in page.tags("a")}
    assert set(report_urls(DEMO_EVENT).values()) <= links
    assert not any("/report" in attrs["href"] for attrs in later.tags("a"))


@pytest.mark.django_db
def test_report_page_links_its_downloads(client, demo):
    page = Page(client.get(reverse("events:event_report", args=[DEMO_EVENT])).content.decode())

    downloads = {attrs["href"] for attrs in page.tags("a") if "download" in attrs}
    assert downloads == {
        reverse("events:event_report_pdf", args=[DEMO_EVENT]),
        reverse("events:event_report_markdown", args=[DEMO_EVENT]),
    }


# A fixed number of queries, however large the programme.


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["event_report", "event_report_markdown"])
def test_report_query_count_does_not_grow_with_the_programme(
    client, name, django_assert_num_queries
):
    small = build_programme(2)["event"]
    # 9: the programme's reads, and one for the published outputs launched at the event.
    with django_assert_num_queries(9) as counted:
        assert client.get(reverse(f"events:{name}", args=[small.slug])).status_code == 200
    large = build_programme(20)["event"]
    with django_assert_num_queries(len(counted.captured_queries)):
        assert client.get(reverse(f"events:{name}", args=[large.slug])).status_code == 200


@pytest.mark.django_db
def test_next_milestones_are_later_events_of_the_same_programme(client, demo):
    event = Event.objects.get(slug=DEMO_EVENT)
    later = event.ends_at + dt.timedelta(days=1)
    other_programme = EventFactory(
        slug="elsewhere", starts_at=later, ends_at=later + dt.timedelta(hours=1)
    )

    page = Page(client.get(reverse("events:event_report", args=[DEMO_EVENT])).content.decode())

    assert other_programme.title not in page.text
    assert "Global Action Final Conference, first announced for" in page.text


@pytest.mark.django_db
def test_text_not_translated_is_marked_with_its_own_language(client):
    event = EventFactory(slug="languages", title="Only in English")
    event.title_fr = "Seulement en français"
    event.save()
    breakouts = SessionFactory(event=event, position=1, kind=SessionKind.BREAKOUTS)
    KeyPointFactory(breakout=BreakoutFactory(session=breakouts), text="An English key point.")
    url = reverse("events:event_report", args=[event.slug]).replace("/en/", "/fr/", 1)

    page = Page(client.get(url).content.decode())

    assert ("h1", "Seulement en français") in page.headings
    assert {"lang": "en"} in page.tags("span")  # the key point, not translated
    assert [attrs for attrs in page.tags("h1")] == [{}]


@pytest.mark.django_db
def test_a_cancelled_milestone_is_named_as_cancelled(
    client, demo, django_capture_on_commit_callbacks
):
    conference = Event.objects.get(slug="global-action-final-conference")
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.cancel(conference, changed_on=dt.date(2023, 2, 1), reason="No venue.")

    page = Page(client.get(reverse("events:event_report", args=[DEMO_EVENT])).content.decode())
    markdown = client.get(reverse("events:event_report_markdown", args=[DEMO_EVENT]))

    sentence = (
        "Global Action Final Conference, planned for 20–21 March 2023, was cancelled. No venue."
    )
    assert sentence in page.text
    assert "Global Action Final Conference](" in markdown.content.decode()
    assert ", planned for 20–21 March 2023, was cancelled. No venue." in markdown.content.decode()


@pytest.mark.django_db
def test_report_lists_the_published_outputs_launched_at_the_event_only(client):
    from events.models import OutputLaunch
    from tests.factories import ConsortiumFactory, OutputFactory, PublishedOutputFactory

    event = EventFactory(slug="with-launches")
    panel = SessionFactory(event=event, position=1, title="Launch panel")
    silk = ConsortiumFactory(short_name="SILK", slug="silk")
    OutputLaunch.objects.create(
        output=PublishedOutputFactory(consortium=silk, title="Hub report"),
        event=event,
        session=panel,
    )
    OutputLaunch.objects.create(
        output=PublishedOutputFactory(consortium=silk, title="Atlas"), event=event
    )
    for status, word in SECRET_WORDS.items():
        OutputLaunch.objects.create(
            output=OutputFactory(consortium=silk, status=status, title=f"Output {word}"),
            event=event,
        )

    for output, text in texts(client, event.slug).items():
        assert "Outputs launched at this event" in text, output
        assert "Report: Atlas, by SILK." in text, output
        assert "Report: Hub report, by SILK, launched in the session “Launch panel”." in text, (
            output
        )
        for word in SECRET_WORDS.values():
            assert word not in text.lower(), (output, word)
