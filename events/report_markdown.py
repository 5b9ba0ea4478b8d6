"""An event's report (events.report) as Markdown: the same sentences as the HTML, with every
piece of data text escaped so that it reads as the text it is in any CommonMark or
Python-Markdown reader (no emphasis, heading, link, list, code or raw HTML made by data).

Backslash escapes cover the characters both dialects honour; "<", "&", "|" and "~" (which
Python-Markdown does not escape with a backslash) become character references, which both
read back as the character. Line breaks in data become spaces: a value can never start a
line, so never a block of its own.
"""

import re
from urllib.parse import urljoin

from .report import (
    Content,
    Heading,
    Items,
    Link,
    Listing,
    Paragraph,
    PersonName,
    Report,
    join_list,
)

# Characters that make inline markup anywhere in a line, escaped with a backslash.
BACKSLASHED = set("\\`*_[]{}#!")
REFERENCES = {"<": "&lt;", "&": "&amp;", "|": "&#124;", "~": "&#126;"}
# Line and paragraph breaks of every kind, and tabs (four spaces of indent make code).
BREAKS = re.compile(r"[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+")
# What only means something at the start of a line: a list item, a quote, a numbered item.
LINE_START = re.compile(r"^(?:([-+>])|(\d+)([.)]))")


def escape_markdown(text: str, *, strip: bool = True) -> str:
    """`text` as literal Markdown text, on one line; `strip=False` keeps a space at either end
    (the text between a sentence's values)."""
    text = re.sub(r"\s+", " ", BREAKS.sub(" ", text))
    if strip:
        text = text.strip()
    escaped = "".join(
        "\\" + char if char in BACKSLASHED else REFERENCES.get(char, char) for char in text
    )
    return LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped
    )


def markdown_value(value, base: str) -> str:
    if isinstance(value, Content):
        return escape_markdown(value.text)
    if isinstance(value, Link):
        return f"[{escape_markdown(value.text)}](<{urljoin(base, value.url)}>)"
    if isinstance(value, PersonName):
        name = f"[{escape_markdown(value.name)}](<{urljoin(base, value.url)}>)"
        return f"{name} ({escape_markdown(value.role)})" if value.role else name
    if isinstance(value, Listing):
        return join_list([markdown_value(item, base) for item in value.items], escape_markdown)
    return escape_markdown(value)


def sentence_markdown(sentence, base: str) -> str:
    return "".join(
        markdown_value(item, base) if is_value else escape_markdown(item, strip=False)
        for is_value, item in sentence.parts()
    )


def paragraph_markdown(block: Paragraph, base: str) -> str:
    return " ".join(sentence_markdown(sentence, base) for sentence in block.sentences)


def render_markdown_report(report: Report, base: str) -> str:
    """The whole report as one Markdown document; links absolute from `base` (the site's
    address), so that they work wherever the file is read."""
    lines = [f"# {escape_markdown(report.title)}", ""]
    for block in report.blocks:
        if isinstance(block, Heading):
            lines.extend([f"{'#' * block.level} {escape_markdown(block.text)}", ""])
        elif isinstance(block, Paragraph):
            lines.extend([paragraph_markdown(block, base), ""])
        elif isinstance(block, Items):
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}." if block.ordered else "-"
                lines.append(f"{marker} {paragraph_markdown(item, base)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
