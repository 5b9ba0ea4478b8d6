"""What "shown as text" means in each output format, for tests/security/test_hostile_text.py.

Each function returns the problems it finds (an empty list when the output is inert), so a
failing test names every injection at once.
"""

import re
import xml.etree.ElementTree as ET
from email import message_from_string
from html.parser import HTMLParser

# Elements the corpus tries to inject that the portal's pages never contain (the admin's own
# <svg> icons are allowed: an injected one is caught by its event handler).
INJECTED_ELEMENTS = {"iframe", "style", "x", "object", "embed", "math", "base"}
# Script elements that hold data, not code (the admin's json_script, the pages' schema.org
# JSON-LD), are never run; hostile text that closed one would open a script of no such type.
DATA_SCRIPTS = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
# How a browser reads a URL (WHATWG URL standard): C0 controls and spaces around it are
# dropped, and tabs and line breaks anywhere in it.
URL_EDGES = "".join(chr(code) for code in range(0x21))
URL_BREAKS = re.compile(r"[\t\n\r]")


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.marked: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark = True
            self.marked.append("")

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marked[-1] += data


def html_problems(html: str, *, highlighted: str | None = None) -> list[str]:
    """Injected elements, event handlers, javascript: URLs, inline scripts; and, on a search
    page, any <mark> that is not the searched word (`highlighted`)."""
    parser = _Elements()
    parser.feed(html)
    problems = []
    for tag, attributes in parser.elements:
        if tag in INJECTED_ELEMENTS:
            problems.append(f"a <{tag}> element")
        if tag == "script" and attributes.get("type") not in DATA_SCRIPTS:
            source = attributes.get("src") or ""
            if not source.startswith("/") or source.startswith("//"):
                problems.append(f"a script that is not one of the site's files: {source!r}")
        if tag == "img" and not (attributes.get("src") or "").startswith("/static/"):
            problems.append(f"an image from {attributes.get('src')!r}")
        for name, value in attributes.items():
            if name.startswith("on"):
                problems.append(f"an event handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = URL_BREAKS.sub("", value.strip(URL_EDGES)).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    problems.append(f"a {value!r} link on <{tag}>")
                if scheme.startswith("//evil"):
                    problems.append(f"a link to {value!r} on <{tag}>")
    if highlighted is not None:
        problems += [
            f"a <mark> around {text!r}"
            for text in parser.marked
            if text.casefold() != highlighted.casefold()
        ]
    elif parser.marked:
        problems.append(f"<mark> elements around {parser.marked!r}")
    return problems


ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_ELEMENTS = {
    f"{ATOM}{name}"
    for name in (
        "feed", "title", "link", "id", "updated", "subtitle", "entry", "published", "author",
        "name", "summary", "category",
    )
}  # fmt: skip


def atom_problems(content: bytes) -> list[str]:
    try:
        feed = ET.fromstring(content)
    except ET.ParseError as error:
        return [f"the feed is not well-formed XML: {error}"]
    problems = [f"an element {el.tag}" for el in feed.iter() if el.tag not in ATOM_ELEMENTS]
    for summary in feed.iter(f"{ATOM}summary"):
        if summary.get("type") != "text":
            problems.append(f'a summary of type="{summary.get("type")}"')
    return problems


def rss_problems(content: bytes) -> list[str]:
    """RSS readers read titles and descriptions as HTML: read so, they must hold no element
    at all (the feed sends text as escaped HTML), and the feed must be well-formed."""
    try:
        channel = ET.fromstring(content).find("channel")
    except ET.ParseError as error:
        return [f"the feed is not well-formed XML: {error}"]
    problems = []
    texts = [channel.findtext("title"), channel.findtext("description")]
    for item in channel.iter("item"):
        texts += [item.findtext("title"), item.findtext("description")]
    for text in texts:
        parser = _Elements()
        parser.feed(text or "")
        problems += [f"an element <{tag}> in {text!r}" for tag, _attributes in parser.elements]
    return problems


# The properties the portal writes in its calendars (RFC 5545), and nothing else.
ICS_PROPERTIES = {
    "BEGIN", "END", "PRODID", "VERSION", "X-WR-CALNAME", "UID", "SUMMARY", "URL", "DTSTAMP",
    "COMMENT", "DTSTART", "DTEND", "LOCATION", "DESCRIPTION", "TZID", "TZNAME", "TZOFFSETFROM",
    "TZOFFSETTO", "RDATE", "RRULE", "SEQUENCE", "STATUS", "LAST-MODIFIED",
}  # fmt: skip
ICS_NAME = re.compile(r"^([A-Z][A-Z0-9-]*)[;:]")


def ics_problems(content: bytes, *, events: int) -> list[str]:
    text = content.decode("utf-8")
    problems = []
    if re.search(r"\r(?!\n)|(?<!\r)\n", text):
        problems.append("a line not ended by CRLF")
    # Long lines are folded: a CRLF followed by a space continues the previous line.
    lines = text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    for line in filter(None, lines):
        match = ICS_NAME.match(line)
        if match is None or match.group(1) not in ICS_PROPERTIES:
            problems.append(f"a line {line[:60]!r}")
        if any((ord(char) < 0x20 and char != "\t") or char == "\x7f" for char in line):
            problems.append(f"a control character in {line[:60]!r}")
    if lines.count("BEGIN:VEVENT") != events:
        problems.append(f"{lines.count('BEGIN:VEVENT')} events instead of {events}")
    return problems


def email_problems(message) -> list[str]:
    """Extra headers and multi-line subjects in one django.core.mail message."""
    parsed = message_from_string(message.message().as_string())
    expected = {"Content-Type", "MIME-Version", "Content-Transfer-Encoding", "Subject"}
    expected |= {"From", "To", "Date", "Message-ID"}
    problems = [f"a header {name}" for name in parsed if name not in expected]
    if "\n" in message.subject or "\r" in message.subject:
        problems.append("a subject over several lines")
    return problems
