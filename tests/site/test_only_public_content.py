"""Nothing unpublished appears in any output, whatever the output.

One programme holds a published finding and, beside it in the same consortium, theme, SDG,
event programme, breakout and key point, a finding in every unpublished state and a draft
event; each unpublished record carries a word found nowhere else. Every public output is then
read whole: the pages (with their JSON-LD and preview tags), search, feeds, calendars,
sitemaps, the API, the list downloads, the open-data dump and OAI-PMH. None may hold any of
those words, and each unpublished finding's own addresses answer 404.

A new public output is one line in ``public_outputs``; the test for the output itself (its
format, its fields) lives with the output.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from consortia.enums import MembershipRole
from events.enums import EventStatus, SessionKind
from findings.enums import FindingStatus
from findings.output_models import OutputFile
from plp_portal.urls import SITEMAPS
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    KeyPointFactory,
    MembershipFactory,
    OrganisationFactory,
    OutputFactory,
    PersonFactory,
    PublishedFindingFactory,
    PublishedOutputFactory,
    SessionFactory,
    ThemeFactory,
    sdg,
)

#: One word per unpublished state: in the finding's title, summary and body.
SECRET_WORDS = {
    FindingStatus.DRAFT: "zanzibarquux",
    FindingStatus.SUBMITTED: "quokkaflute",
    FindingStatus.CHANGES_REQUESTED: "ocelotharp",
    FindingStatus.REJECTED: "marzipanoboe",
}
DRAFT_EVENT_WORD = "yodelcanyon"
#: Reactions waiting for review or rejected, and a policy uptake fed only by unpublished
#: findings (findings.reactions): none may show.
REACTION_WORDS = ("pangolinlute", "narwhalbanjo", "axolotlcello")
#: In every finding's body: searching for it finds the published one only. (Searching for a
#: secret word would put it in the answer: the page says what was searched for.)
SHARED_WORD = "solidarity"
LANGUAGES = ("en", "fr", "es")


@pytest.fixture
def programme(db):
    organisation = OrganisationFactory(slug="coop", name="Coop")
    consortium = ConsortiumFactory(slug="silk", short_name="SILK")
    MembershipFactory(consortium=consortium, organisation=organisation, role=MembershipRole.LEAD)
    theme = ThemeFactory(slug="legal-frameworks", name="Legal frameworks")
    person = PersonFactory(slug="ana", affiliation=organisation)
    published = PublishedFindingFactory(
        consortium=consortium,
        slug="shared-values",
        title="Shared values",
        body=f"On {SHARED_WORD}.",
        themes=[theme],
        sdgs=[sdg(8)],
        countries=["BE"],
    )
    unpublished = [
        FindingFactory(
            consortium=consortium,
            status=status,
            slug=f"secret-{word}",
            title=f"The {word} finding",
            summary=f"About {word}.",
            body=f"All about {word} and {SHARED_WORD}.",
            themes=[theme],
            sdgs=[sdg(8)],
            countries=["BE"],
        )
        for status, word in SECRET_WORDS.items()
    ]
    event = EventFactory(slug="event-2021")
    event.themes.set([theme])
    panel = SessionFactory(event=event, position=1, moderator=person)
    contribution = ContributionFactory(
        session=panel, position=1, person=person, consortium=consortium
    )
    contribution.findings.set([published, *unpublished])
    breakout = BreakoutFactory(
        session=SessionFactory(event=event, position=2, kind=SessionKind.BREAKOUTS),
        position=1,
        theme=theme,
        rapporteur=person,
    )
    breakout.participants.set([person])
    breakout.findings.set([published, *unpublished])
    KeyPointFactory(breakout=breakout, position=1).findings.set([published, *unpublished])
    # Outputs: one published, one per unpublished state (their titles carry the secret
    # words), and the published finding rests on all of them.
    published_output = PublishedOutputFactory(
        consortium=consortium, slug="shared-report", title="Shared report"
    )
    unpublished_outputs = [
        OutputFactory(
            consortium=consortium,
            status=status,
            slug=f"secret-output-{word}",
            title=f"The {word} output",
            summary=f"About {word}.",
        )
        for status, word in SECRET_WORDS.items()
    ]
    published.outputs.set([published_output, *unpublished_outputs])
    for finding in unpublished:
        finding.outputs.set([published_output])
    # All of them launched at the event (events.OutputLaunch): its page lists the published one.
    from events.models import OutputLaunch

    for output in (published_output, *unpublished_outputs):
        OutputLaunch.objects.create(output=output, event=event, session=panel)
    draft_event = EventFactory(
        slug=f"event-{DRAFT_EVENT_WORD}", status=EventStatus.DRAFT, title=DRAFT_EVENT_WORD
    )
    SessionFactory(event=draft_event, title=DRAFT_EVENT_WORD)
    _reactions_and_uptakes(published, unpublished)
    return {
        "published": published,
        "unpublished": unpublished,
        "event": event,
        "draft_event": draft_event,
        "consortium": consortium,
        "organisation": organisation,
        "person": person,
        "theme": theme,
        "output": published_output,
        "unpublished_outputs": unpublished_outputs,
    }


def _reactions_and_uptakes(published, unpublished):
    """Another consortium's reactions to the published finding (one published, one waiting,
    one rejected) and to an unpublished one; policy uptakes fed by both kinds of finding."""
    from findings.reactions.models import PolicyUptake, Reaction

    other = OrganisationFactory(slug="other-coop", name="Other coop")
    MembershipFactory(organisation=other, role=MembershipRole.LEAD)
    waiting, rejected, hidden = REACTION_WORDS
    Reaction.objects.create(
        finding=published, organisation=other, kind="otherwise", evidence="Not here.",
        status="published",
    )  # fmt: skip
    Reaction.objects.create(
        finding=published, organisation=other, kind="endorsed", note=waiting, status="submitted"
    )
    Reaction.objects.create(
        finding=published, organisation=other, kind="applied", place=rejected, country="PT",
        status="rejected",
    )  # fmt: skip
    Reaction.objects.create(
        finding=unpublished[0], organisation=other, kind="endorsed", status="published",
        note=waiting,
    )  # fmt: skip
    PolicyUptake.objects.create(title="Action plan", kind="eu_action_plan").findings.set(
        [published, *unpublished]
    )
    PolicyUptake.objects.create(title=hidden, kind="law").findings.set(unpublished)


def public_outputs(programme, language: str) -> dict[str, str]:
    """Every address whose answer the public can read, by name, in one language where the
    output has one."""

    def page(name, *args, query=""):
        return reverse(name, args=args).replace("/en/", f"/{language}/", 1) + query

    finding, event = programme["published"], programme["event"]
    consortium, theme = programme["consortium"], programme["theme"]
    return {
        "home": page("events:home"),
        "findings list": page("findings:finding_list"),
        "search": page("findings:finding_list", query=f"?q={SHARED_WORD}"),
        "filtered list": page("findings:finding_list", query="?theme=legal-frameworks&sdg=8"),
        "claim-filtered list": page("findings:finding_list", query="?kind=observation&level=local"),
        "finding page": page("findings:finding_detail", finding.slug),
        "finding trail": page("findings:finding_trail", finding.slug),
        "contested list": page("findings:finding_list", query="?contested=1"),
        "API reactions": f"/api/v1/findings/{finding.slug}/reactions/",
        "API contested": reverse("api:finding-list") + "?contested=1",
        "finding page in Chicago style": page(
            "findings:finding_detail", finding.slug, query="?style=chicago"
        ),
        **{
            f"citation {form}": page(f"findings:finding_cite_{form}", finding.slug)
            for form in ("bibtex", "ris", "csl")
        },
        "themes": page("findings:theme_list"),
        "theme page": page("findings:theme_detail", theme.slug),
        "SDGs": page("findings:sdg_list"),
        "SDG page": page("findings:sdg_detail", 8),
        "consortia": page("consortia:consortium_list"),
        "consortium page": page("consortia:consortium_detail", consortium.slug),
        "organisations": page("consortia:organisation_list"),
        "organisation page": page("consortia:organisation_detail", programme["organisation"].slug),
        "people": page("consortia:person_list"),
        "person page": page("consortia:person_detail", programme["person"].slug),
        "events": page("events:event_list"),
        "event page": page("events:event_detail", event.slug),
        "event calendar": page("events:event_calendar", event.slug),
        "event report": page("events:event_report", event.slug),
        "event report Markdown": page("events:event_report_markdown", event.slug),
        "event report PDF": page("events:event_report_pdf", event.slug),
        "calendar": page("events:events_calendar"),
        "events feed": page("events:event_feed_atom"),
        "events RSS": page("events:event_feed_rss"),
        "findings feed": page("findings:finding_feed"),
        "findings RSS": page("findings:finding_feed_rss"),
        "theme feed": page("findings:finding_feed", query=f"?theme={theme.slug}&sdg=8"),
        "search feed": page("findings:finding_feed_rss", query=f"?q={SHARED_WORD}"),
        "CSV download": page("findings:finding_export_csv"),
        "compare": page("findings:compare", query="?rows=theme"),
        "compare by lever": page("findings:compare"),
        "compare by country and SDG": page("findings:compare", query="?rows=sdg&cols=country"),
        "compare CSV": page("findings:compare_csv", query="?rows=theme&cols=consortium&sdg=8"),
        "compare side by side": page("findings:compare_side_by_side", "theme", theme.slug),
        "JSON Lines search": page("findings:finding_export_jsonl", query=f"?q={SHARED_WORD}"),
        "open data page": page("open_data"),
        "sitemap index": reverse("sitemap"),
        **{
            f"sitemap of {section}": reverse("sitemap_section", args=[section])
            for section in SITEMAPS
        },
        "API findings": reverse("api:finding-list"),
        "API search": reverse("api:finding-list") + f"?search={SHARED_WORD}",
        "API finding": reverse("api:finding-detail", args=[finding.slug]),
        "API claim filters": reverse("api:finding-list") + "?kind=observation&evidence=survey",
        "API events": reverse("api:event-list"),
        "API event": reverse("api:event-detail", args=[event.slug]),
        "API consortium": reverse("api:consortium-detail", args=[consortium.slug]),
        "API theme": reverse("api:theme-detail", args=[theme.slug]),
        "API SDG": reverse("api:sdg-detail", args=[8]),
        "API person": reverse("api:person-detail", args=[programme["person"].slug]),
        "API organisation": reverse(
            "api:organisation-detail", args=[programme["organisation"].slug]
        ),
        "outputs list": page("findings:output_list"),
        "output page": page("findings:output_detail", programme["output"].slug),
        **{
            f"output citation {form}": page(f"findings:output_cite_{form}", "shared-report")
            for form in ("bibtex", "ris", "csl")
        },
        "API outputs": reverse("api:output-list"),
        "API output": reverse("api:output-detail", args=[programme["output"].slug]),
        "OAI records": reverse("oai") + "?verb=ListRecords&metadataPrefix=oai_dc",
        "OAI identifiers": reverse("oai") + "?verb=ListIdentifiers&metadataPrefix=oai_dc",
    }


#: Outputs that show the published finding's title: the sweep must not pass on empty answers.
LIST_THE_PUBLISHED_FINDING = [
    "findings list",
    "search",
    "API search",
    "JSON Lines search",
    "filtered list",
    "finding page",
    "finding trail",
    "contested list",
    "API contested",
    "finding page in Chicago style",
    "citation bibtex",
    "citation ris",
    "citation csl",
    "theme page",
    "SDG page",
    "consortium page",
    "event page",
    "event report",
    "event report Markdown",
    "event report PDF",
    "findings feed",
    "findings RSS",
    "theme feed",
    "search feed",
    "CSV download",
    "compare",
    "compare side by side",
    "API findings",
    "OAI records",
]


def file_of(output):
    """A file row of ``output`` (its download answers 404 before it would read the file)."""
    return OutputFile.objects.get_or_create(
        output=output,
        defaults={"title": "Secret", "file": "outputs/secret.pdf", "content_type": "x", "size": 1},
    )[0]


def unpublished_addresses(programme, language: str) -> list[str]:
    """The addresses an unpublished finding or event would have if it were public."""
    addresses = []
    for finding in programme["unpublished"]:
        addresses += [
            reverse(name, args=[finding.slug]).replace("/en/", f"/{language}/", 1)
            for name in (
                "findings:finding_detail",
                "findings:finding_trail",
                "findings:finding_cite_bibtex",
                "findings:finding_cite_ris",
                "findings:finding_cite_csl",
            )
        ]
        addresses.append(reverse("api:finding-detail", args=[finding.slug]))
        addresses.append(f"/api/v1/findings/{finding.slug}/reactions/")
    for output in programme["unpublished_outputs"]:
        addresses += [
            reverse(name, args=[output.slug]).replace("/en/", f"/{language}/", 1)
            for name in (
                "findings:output_detail",
                "findings:output_cite_bibtex",
                "findings:output_cite_ris",
                "findings:output_cite_csl",
            )
        ]
        addresses.append(reverse("api:output-detail", args=[output.slug]))
        addresses.append(f"/{language}/outputs/{output.slug}/files/{file_of(output).pk}/")
    draft = programme["draft_event"]
    addresses += [
        reverse("events:event_detail", args=[draft.slug]).replace("/en/", f"/{language}/", 1),
        reverse("events:event_calendar", args=[draft.slug]).replace("/en/", f"/{language}/", 1),
        reverse("events:event_report", args=[draft.slug]).replace("/en/", f"/{language}/", 1),
        reverse("api:event-detail", args=[draft.slug]),
    ]
    return addresses


def read_whole(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return "\n".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def secrets_in(text: str) -> list[str]:
    words = [*SECRET_WORDS.values(), DRAFT_EVENT_WORD, *REACTION_WORDS]
    return [word for word in words if word in text]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_output_holds_unpublished_content(client, programme, language):
    found = {}
    for name, address in public_outputs(programme, language).items():
        response = client.get(address, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, name
        if secrets := secrets_in(read_whole(response)):
            found[name] = secrets
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_published_finding_is_in_the_outputs_that_list_it(client, programme, language):
    addresses = public_outputs(programme, language)
    missing = [
        name
        for name in LIST_THE_PUBLISHED_FINDING
        if programme["published"].title
        not in read_whole(client.get(addresses[name], HTTP_ACCEPT_LANGUAGE=language))
    ]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublished_records_have_no_public_address(client, programme, language):
    answers = {
        address: client.get(address, HTTP_ACCEPT_LANGUAGE=language).status_code
        for address in unpublished_addresses(programme, language)
    }
    assert answers == dict.fromkeys(answers, 404)


def test_the_open_data_dump_holds_no_unpublished_content(programme, tmp_path):
    call_command("export_open_data", str(tmp_path), verbosity=0)

    files = sorted(tmp_path.iterdir())
    assert "shared-values" in (tmp_path / "findings.csv").read_text(encoding="utf-8")
    assert {path.name: secrets_in(path.read_text(encoding="utf-8")) for path in files} == {
        path.name: [] for path in files
    }


#: Outputs that show the published output's title: the sweep must not pass on empty answers.
LIST_THE_PUBLISHED_OUTPUT = [
    "outputs list",
    "output page",
    "output citation bibtex",
    "output citation ris",
    "output citation csl",
    "API outputs",
    "API output",
    "finding page",
    "sitemap of outputs",
    "event page",  # launched there (events.OutputLaunch)
    "event report",
    "event report Markdown",
    "finding trail",  # where the finding came from
    "API finding",  # its `outputs`, by slug
    "API findings",
]


def test_the_published_output_is_in_the_outputs_that_list_it(client, programme):
    addresses = public_outputs(programme, "en")
    slug = programme["output"].slug
    wanted = {"sitemap of outputs": slug, "API finding": slug, "API findings": slug}
    missing = [
        name
        for name in LIST_THE_PUBLISHED_OUTPUT
        if wanted.get(name, "Shared report") not in read_whole(client.get(addresses[name]))
    ]
    assert missing == []


def test_the_open_data_dump_holds_the_published_output_only(programme, tmp_path):
    call_command("export_open_data", str(tmp_path), verbosity=0)
    outputs = (tmp_path / "outputs.csv").read_text(encoding="utf-8")
    assert "shared-report" in outputs
    assert "secret-output" not in outputs
