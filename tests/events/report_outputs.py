"""The event report's three outputs read back with real parsers, as their readers would."""

import io
import re
from html.parser import HTMLParser

import markdown as python_markdown
from markdown_it import MarkdownIt
from pypdf import PdfReader

from events.demo import programme as demo


class Page(HTMLParser):
    """An HTML document's text (scripts and styles left out), its elements with their
    attributes, and the text of each heading."""

    SKIPPED = {"script", "style", "title"}
    BLOCKS = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "div", "section", "article",
              "header", "footer", "nav", "main", "br", "td", "th", "tr", "table", "blockquote",
              "pre"}  # fmt: skip

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self._chunks: list[str] = []
        self._open: list[str] = []
        self._heading: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in self.BLOCKS:
            self._chunks.append(" ")
        if tag in {"h1", "h2", "h3", "h4"}:
            self._heading = [tag]
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._chunks.append(" ")
        if self._heading and tag == self._heading[0]:
            self.headings.append((tag, " ".join("".join(self._heading[1:]).split())))
            self._heading = None
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data):
        if self._open and self._open[-1] in self.SKIPPED:
            return
        self._chunks.append(data)
        if self._heading is not None:
            self._heading.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self._chunks).split())

    def tags(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.elements if tag == name]


def commonmark_html(text: str) -> str:
    """Markdown as a CommonMark reader shows it (with GFM tables and strikethrough)."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def python_markdown_html(text: str) -> str:
    """Markdown as Python-Markdown (the portal's own renderer's library) shows it."""
    return python_markdown.markdown(text, extensions=["tables", "sane_lists"])


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_link_targets(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                targets.append(str(action.get("/URI")))
    return targets


def squeezed(text: str) -> str:
    """Text without any whitespace: a PDF breaks lines (and words at hyphens) anywhere."""
    return re.sub(r"\s+", "", text)


def in_order(text: str, needles: list[str]) -> list[str]:
    """The needles as they first appear in `text` (whitespace ignored), in that order; a
    needle that is missing is left out."""
    haystack = squeezed(text)
    found = [(haystack.find(squeezed(needle)), needle) for needle in needles]
    return [needle for position, needle in sorted(found) if position >= 0]


def demo_people_in_programme_order() -> list[str]:
    """Every speaker, moderator, presenter and rapporteur of the demo's 2021 event, from the
    demo data, in the order of its programme."""
    names = {slug: f"{given} {family}" for slug, given, family, *_ in demo.PEOPLE}
    order = []
    for session in demo.SESSIONS:
        if session["moderator"]:
            order.append(session["moderator"])
        order.extend(contribution["person"] for contribution in session["contributions"])
        order.extend(breakout["rapporteur"] for breakout in session["breakouts"])
    return [names[slug] for slug in order]


def demo_key_points() -> list[str]:
    return [
        text
        for session in demo.SESSIONS
        for breakout in session["breakouts"]
        for text, _findings, _themes in breakout["key_points"]
    ]
