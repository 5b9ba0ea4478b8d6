"""The report a programme publishes after an event, written from the structured data alone.

`build_report` turns an event's programme (``selectors.event_programme``) and its next
milestones (``selectors.next_milestones``) into a plain structure: headings, paragraphs of
sentences, and lists. Every sentence is a translatable template with named placeholders
(``ngettext`` where a count appears) and its values: the data's own text, links, people and
lists joined with the language's "and". The renderers only lay the structure out: HTML here
(``Sentence.html``, used by templates/events/event_report.html, which WeasyPrint also turns
into the PDF) and Markdown (``events.report_markdown``). Data text is never markup in either.

Nothing is said that the data does not hold: a missing moderator, summary or key point leaves
its sentence out, and a part with nothing in it has no heading.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.contrib.humanize.templatetags.humanize import apnumber
from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext
from modeltranslation.translator import NotRegistered

from plp_portal.content_language import (
    active_language,
    original_language,
    shown_language,
    translated_fields,
)

from .enums import ContributionKind, EventFormat, ScheduleStatus, SessionKind
from .models import Event
from .templatetags.event_tags import event_dates, event_when, period_when

PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


# The values a sentence holds.


@dataclass(frozen=True)
class Content:
    """Curated text, and the language it is in when that is not the reader's (a field not
    yet translated shows its original): HTML marks it so that it is read in its language."""

    text: str
    language: str | None = None


@dataclass(frozen=True)
class Link:
    text: str
    url: str  # a path on this site; renderers make it absolute where they must
    language: str | None = None


@dataclass(frozen=True)
class PersonName:
    """A name as the programme prints it (``Person.full_name``), with the position and the
    organisation after it, as on the event page (templates/includes/person_chip.html)."""

    name: str
    url: str
    position: str = ""
    organisation: str = ""  # the acronym where there is one
    organisation_name: str = ""  # the full name, when `organisation` is an acronym

    @property
    def role(self) -> str:
        return ", ".join(part for part in (self.position, self.organisation) if part)


@dataclass(frozen=True)
class Listing:
    """Items joined as the language joins a list: "A, B and C"."""

    items: tuple


@dataclass(frozen=True)
class Sentence:
    """A translated template with ``%(name)s`` placeholders, and the value of each."""

    template: str
    values: dict = field(default_factory=dict)

    def parts(self):
        """The template's literal text and its values, in order: (is_value, item)."""
        position = 0
        for match in PLACEHOLDER.finditer(self.template):
            yield False, self.template[position : match.start()]
            yield (True, self.values[match.group(1)]) if match.group(1) else (False, "%")
            position = match.end()
        yield False, self.template[position:]

    def html(self, base: str = "") -> SafeString:
        return mark_safe(
            "".join(
                html_value(item, base) if is_value else escape(item)
                for is_value, item in self.parts()
            )
        )


def lang_attribute(language: str | None) -> str:
    return format_html(' lang="{}"', language) if language else ""


def html_value(value, base: str = "") -> str:
    if isinstance(value, Content):
        if value.language:
            return format_html("<span{}>{}</span>", lang_attribute(value.language), value.text)
        return escape(value.text)
    if isinstance(value, Link):
        return format_html(
            '<a href="{}"{}>{}</a>',
            urljoin(base, value.url),
            lang_attribute(value.language),
            value.text,
        )
    if isinstance(value, PersonName):
        name = format_html(
            '<a class="person" href="{}">{}</a>', urljoin(base, value.url), value.name
        )
        if not value.role:
            return name
        organisation = value.organisation
        if value.organisation_name:
            organisation = format_html(
                '<abbr title="{}">{}</abbr>', value.organisation_name, value.organisation
            )
        else:
            organisation = escape(organisation)
        role = ", ".join(part for part in (escape(value.position), organisation) if part)
        return format_html("{} ({})", name, mark_safe(role))
    if isinstance(value, Listing):
        return join_list([html_value(item, base) for item in value.items], escape)
    return escape(value)


def join_list(items: list[str], escape_word=str) -> str:
    """ "A", "A and B", "A, B and C": with the active language's "and"."""
    if len(items) <= 1:
        return "".join(items)
    word = escape_word(pgettext("joining the last item of a list", "and"))
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


# The structure.


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for the parts of the report, 3 within them (the title is the 1)
    text: str
    language: str | None = None  # as Content's
    kind: str = "heading"

    @property
    def lang(self) -> str:
        return lang_attribute(self.language)


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]
    kind: str = "paragraph"

    def html(self, base: str = "") -> SafeString:
        return mark_safe(" ".join(sentence.html(base) for sentence in self.sentences))


@dataclass(frozen=True)
class Items:
    items: tuple[Paragraph, ...]
    ordered: bool = False
    kind: str = "items"


@dataclass
class Report:
    event: Event
    title: str
    blocks: list
    title_language: str | None = None

    @property
    def title_lang(self) -> str:
        return lang_attribute(self.title_language)


def paragraph(*sentences: Sentence | None) -> list[Paragraph]:
    """A paragraph of the sentences given (None for a sentence the data leaves out); none at
    all when every one is left out."""
    present = tuple(sentence for sentence in sentences if sentence is not None)
    return [Paragraph(present)] if present else []


def language_of(obj, field: str) -> str | None:
    """The language of `obj`'s `field` as shown, when it is not the reader's. Text that is not
    translated (a contribution's title and summary) is in the original's language."""
    if is_translated(type(obj), field):
        language = shown_language(obj, field)
    else:
        language = original_language(obj)
    return language if language != active_language() else None


def is_translated(model, field: str) -> bool:
    try:
        return field in translated_fields(model)
    except NotRegistered:
        return False


def content(obj, field: str) -> Content:
    return Content(" ".join(getattr(obj, field).split()), language_of(obj, field))


def text_paragraphs(obj, field: str) -> list[Paragraph]:
    """A curated text: a blank line starts a new paragraph; line breaks within one are spaces."""
    text = getattr(obj, field)
    language = language_of(obj, field)
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [
        Paragraph((Sentence("%(text)s", {"text": Content(" ".join(chunk.split()), language)}),))
        for chunk in chunks
        if chunk.strip()
    ]


def in_words(count: int) -> str:
    """ "three" for 3, in the active language, up to nine; digits beyond."""
    return str(apnumber(count))


def has_report(event: Event) -> bool:
    """A report is written once an event is over, and only from a programme (the event's
    sessions prefetched by ``selectors.event_programme``)."""
    return event.has_ended and event.has_programme and bool(event.sessions.all())


def person_name(person) -> PersonName:
    organisation = person.affiliation
    return PersonName(
        name=person.full_name,
        url=person.get_absolute_url(),
        position=person.position,
        organisation=(organisation.acronym or organisation.name) if organisation else "",
        organisation_name=organisation.name if organisation and organisation.acronym else "",
    )


def build_report(event: Event, milestones: list[Event]) -> Report:
    """The report of `event` (from ``selectors.event_programme``), naming `milestones`."""
    blocks = [*text_paragraphs(event, "report_introduction"), *overview(event)]
    for session in event.sessions.all():
        blocks.extend(session_blocks(session))
    blocks.extend(launched_output_blocks(event))
    blocks.extend(milestone_blocks(milestones))
    if event.report_conclusions.strip():
        blocks.append(Heading(2, gettext("Conclusions")))
        blocks.extend(text_paragraphs(event, "report_conclusions"))
    return Report(
        event=event, title=event.title, blocks=blocks, title_language=language_of(event, "title")
    )


def overview(event: Event) -> list:
    when = event_when(event)
    venue = event.venue.strip()
    if venue.lower() == event.format:
        venue = ""  # "Online" for an online event says nothing more
    values = {"when": when, "venue": venue}
    if event.format == EventFormat.ONLINE:
        held = (
            gettext("The event was held online (%(venue)s) on %(when)s.")
            if venue
            else gettext("The event was held online on %(when)s.")
        )
    elif event.format == EventFormat.IN_PERSON:
        held = (
            gettext("The event was held in person at %(venue)s on %(when)s.")
            if venue
            else gettext("The event was held in person on %(when)s.")
        )
    elif event.format == EventFormat.HYBRID:
        held = (
            gettext("The event was held at %(venue)s and online on %(when)s.")
            if venue
            else gettext("The event was held in person and online on %(when)s.")
        )
    else:
        held = (
            gettext("The event was held at %(venue)s on %(when)s.")
            if venue
            else gettext("The event was held on %(when)s.")
        )
    figures = []
    if event.participant_count:
        figures.append(
            Sentence(
                ngettext(
                    "%(count)s person took part.",
                    "%(count)s people took part.",
                    event.participant_count,
                ),
                {"count": number_format(event.participant_count, force_grouping=True)},
            )
        )
    if event.contributor_count:
        figures.append(
            Sentence(
                ngettext(
                    "%(count)s contributor spoke or presented.",
                    "%(count)s contributors spoke or presented.",
                    event.contributor_count,
                ),
                {"count": number_format(event.contributor_count, force_grouping=True)},
            )
        )
    blocks = paragraph(Sentence(held, values), *figures)
    blocks.extend(text_paragraphs(event, "summary"))
    themes = [theme_link(theme) for theme in event.themes.all()]
    if themes:
        blocks.extend(
            paragraph(
                Sentence(
                    ngettext(
                        "The discussions followed one theme: %(themes)s.",
                        "The discussions followed %(count)s themes: %(themes)s.",
                        len(themes),
                    ),
                    {"themes": Listing(tuple(themes)), "count": in_words(len(themes))},
                )
            )
        )
    return blocks


def session_blocks(session) -> list:
    contributions = list(session.contributions.all())
    breakouts = list(session.breakouts.all())
    blocks = [Heading(2, session.title, language_of(session, "title"))]
    if session.moderator:
        blocks.extend(
            paragraph(
                Sentence(
                    gettext("%(moderator)s moderated the session."),
                    {"moderator": person_name(session.moderator)},
                )
            )
        )
    blocks.extend(text_paragraphs(session, "summary"))
    remarks = [c for c in contributions if c.kind == ContributionKind.REMARKS]
    presentations = [c for c in contributions if c.kind != ContributionKind.REMARKS]
    if remarks:
        blocks.extend(remarks_blocks(session, remarks))
    for contribution in presentations:
        blocks.extend(presentation_blocks(contribution))
    if breakouts:
        blocks.extend(
            paragraph(
                Sentence(
                    ngettext(
                        "The discussion took place in %(count)s breakout.",
                        "The discussion took place in %(count)s parallel breakouts.",
                        len(breakouts),
                    ),
                    {"count": in_words(len(breakouts))},
                )
            )
        )
        for breakout in breakouts:
            blocks.extend(breakout_blocks(breakout))
    # A session with nothing to report but its title still tells the programme's order.
    return blocks


def remarks_blocks(session, remarks: list) -> list:
    speakers = Listing(tuple(person_name(c.person) for c in remarks))
    count = len(remarks)
    if session.kind == SessionKind.OPENING:
        template = ngettext(
            "%(speakers)s opened the event.", "%(speakers)s opened the event.", count
        )
    elif session.kind == SessionKind.CLOSING:
        template = ngettext(
            "%(speakers)s closed the event.", "%(speakers)s closed the event.", count
        )
    else:
        template = ngettext("%(speakers)s spoke.", "%(speakers)s spoke.", count)
    blocks = paragraph(Sentence(template, {"speakers": speakers}))
    for contribution in remarks:
        if contribution.summary.strip():
            blocks.extend(
                paragraph(
                    Sentence(
                        gettext("%(speaker)s: %(summary)s"),
                        {
                            "speaker": contribution.person.full_name,
                            "summary": " ".join(contribution.summary.split()),
                        },
                    )
                )
            )
    return blocks


def presentation_blocks(contribution) -> list:
    consortium = contribution.consortium
    if contribution.title:
        heading = Heading(3, contribution.title, language_of(contribution, "title"))
    else:
        heading = Heading(3, consortium.short_name if consortium else contribution.person.full_name)
    blocks = [heading]
    presenter = person_name(contribution.person)
    if consortium:
        blocks.extend(
            paragraph(
                Sentence(
                    gettext("%(presenter)s presented for %(consortium)s."),
                    {
                        "presenter": presenter,
                        "consortium": Link(consortium.short_name, consortium.get_absolute_url()),
                    },
                )
            )
        )
    else:
        blocks.extend(
            paragraph(Sentence(gettext("%(presenter)s presented."), {"presenter": presenter}))
        )
    blocks.extend(text_paragraphs(contribution, "summary"))
    findings = list(contribution.findings.all())  # published ones only (the selector's)
    if findings:
        blocks.extend(
            paragraph(
                Sentence(
                    ngettext(
                        "The presentation covered %(count)s published finding:",
                        "The presentation covered %(count)s published findings:",
                        len(findings),
                    ),
                    {"count": in_words(len(findings))},
                )
            )
        )
        blocks.append(Items(tuple(finding_item(finding) for finding in findings)))
    return blocks


def theme_link(theme) -> Link:
    return Link(theme.name, theme.get_absolute_url(), language_of(theme, "name"))


def finding_link(finding) -> Link:
    return Link(finding.title, finding.get_absolute_url(), language_of(finding, "title"))


def finding_item(finding) -> Paragraph:
    link = finding_link(finding)
    summary = content(finding, "summary")
    if not summary.text:
        return Paragraph((Sentence("%(finding)s", {"finding": link}),))
    return Paragraph(
        (Sentence(gettext("%(finding)s: %(summary)s"), {"finding": link, "summary": summary}),)
    )


def breakout_blocks(breakout) -> list:
    blocks = [Heading(3, breakout.title, language_of(breakout, "title"))]
    theme = theme_link(breakout.theme)
    points = [point for point in breakout.key_points.all() if point.text.strip()]
    count = len(points)
    rapporteur = person_name(breakout.rapporteur) if breakout.rapporteur else None
    if rapporteur and points:
        reported = Sentence(
            ngettext(
                "%(rapporteur)s, its rapporteur, reported %(count)s key point to the plenary:",
                "%(rapporteur)s, its rapporteur, reported %(count)s key points to the plenary:",
                count,
            ),
            {"rapporteur": rapporteur, "count": in_words(count)},
        )
    elif rapporteur:
        reported = Sentence(
            gettext("%(rapporteur)s was its rapporteur."), {"rapporteur": rapporteur}
        )
    elif points:
        reported = Sentence(
            ngettext(
                "It reported %(count)s key point:", "It reported %(count)s key points:", count
            ),
            {"count": in_words(count)},
        )
    else:
        reported = None
    blocks.extend(text_paragraphs(breakout, "summary"))
    blocks.extend(
        paragraph(
            Sentence(gettext("The breakout discussed the theme %(theme)s."), {"theme": theme}),
            reported,
        )
    )
    if points:
        blocks.append(
            Items(
                tuple(
                    Paragraph((Sentence("%(point)s", {"point": content(point, "text")}),))
                    for point in points
                ),
                ordered=True,
            )
        )
    findings = [finding_link(finding) for finding in breakout.findings.all()]
    if findings:
        blocks.extend(
            paragraph(
                Sentence(
                    ngettext(
                        "The breakout drew on %(count)s published finding: %(findings)s.",
                        "The breakout drew on %(count)s published findings: %(findings)s.",
                        len(findings),
                    ),
                    {"count": in_words(len(findings)), "findings": Listing(tuple(findings))},
                )
            )
        )
    return blocks


def launched_output_blocks(event: Event) -> list:
    """The published outputs launched at the event (``selectors.launched_outputs_prefetch``,
    read with the programme: no query of its own)."""
    items = []
    for launch in getattr(event, "launched_outputs", ()):
        output = launch.output
        values = {
            "type": output.get_output_type_display(),
            "output": Link(output.title, output.get_absolute_url(), language_of(output, "title")),
            "consortium": Link(output.consortium.short_name, output.consortium.get_absolute_url()),
        }
        if launch.session is not None:
            values["session"] = Content(
                " ".join(launch.session.title.split()), language_of(launch.session, "title")
            )
            template = gettext(
                "%(type)s: %(output)s, by %(consortium)s, launched in the session “%(session)s”."
            )
        else:
            template = gettext("%(type)s: %(output)s, by %(consortium)s.")
        items.extend(paragraph(Sentence(template, values)))
    if not items:
        return []
    return [Heading(2, gettext("Outputs launched at this event")), Items(tuple(items))]


def milestone_blocks(milestones: list[Event]) -> list:
    """The next events, each as it stands now: a moved one says from when it was moved
    (its schedule history prefetched by ``selectors.next_milestones``)."""
    items = []
    for milestone in milestones:
        values = {
            "event": Link(
                milestone.title, milestone.get_absolute_url(), language_of(milestone, "title")
            ),
            "dates": event_dates(milestone),
        }
        changes = list(milestone.schedule_changes.all()) if milestone.schedule_sequence else []
        if milestone.schedule_status == ScheduleStatus.CANCELLED:
            template = gettext("%(event)s, planned for %(dates)s, was cancelled.")
        elif milestone.schedule_status == ScheduleStatus.POSTPONED:
            template = gettext(
                "%(event)s, planned for %(dates)s, was postponed; new dates will be announced."
            )
        elif milestone.schedule_status == ScheduleStatus.RESCHEDULED and changes:
            first = changes[0]
            values["previous"] = period_when(
                first.previous_starts_at,
                first.previous_ends_at,
                milestone.time_zone,
                milestone.has_programme,
            )
            template = gettext(
                "%(event)s, first announced for %(previous)s, was rescheduled to %(dates)s."
            )
        elif milestone.has_ended:
            template = gettext("%(event)s followed on %(dates)s.")
        else:
            template = gettext("%(event)s is planned for %(dates)s.")
        reason = changes[-1].reason if changes else ""
        note = Sentence("%(note)s", {"note": " ".join(reason.split())}) if reason else None
        items.extend(paragraph(Sentence(template, values), note))
    if not items:
        return []
    return [Heading(2, gettext("Next milestones")), Items(tuple(items))]
