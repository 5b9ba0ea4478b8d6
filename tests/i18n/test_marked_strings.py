"""Every English word a visitor can see in a template sits inside a translate tag.

The checker replaces Django's tags and variables with a neutral placeholder, drops what sits
inside {% translate %}/{% blocktranslate %} and comments, and reads what is left as HTML: text
between tags and the attributes people read (alt, title, aria-label, placeholder, a button's
value, a meta description) must hold no word of two letters or more. Plain-text templates
(e-mails) are read whole.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Folders whose pages are not for the portal's visitors.
UNCHECKED_FOLDERS = {
    "bench",  # the benchmark's baseline page, read only by the measuring script
    "api",  # Swagger UI's page and script, the API's own tooling
}

# Marked by other branches, remove when merged: each of these templates is being reworked
# by another branch, which marks its strings itself.
MARKED_BY_OTHER_BRANCHES = {
    "base.html",
    "home.html",
    "registration/login.html",
    "consortia/token_list.html",
    "consortia/token_created.html",
    "admin/findings/submittedfinding/review.html",
    "admin/findings/decision_confirmation.html",
    "members/finding_form.html",
    "members/_field.html",
    "members/dashboard.html",
    "events/event_detail.html",
    "includes/event_card.html",
    "includes/person_chip.html",
    "findings/finding_list.html",
    "findings/consortium_list.html",
}

# Names, not language: the same in every language (the portal's name where no context gives it).
NAMES = ("PLP Portal", "CSL-JSON", "JSON", "API", "TOTP", "BibTeX")

PLACEHOLDER = "\x00"
WORD = re.compile(r"[^\W\d_]{2,}")
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
TRANSLATE_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
UNREAD_ELEMENTS = {"script", "style"}


def template_names():
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file() or path.suffix not in {".html", ".txt"}:
            continue
        name = path.relative_to(TEMPLATES).as_posix()
        if name.split("/")[0] in UNCHECKED_FOLDERS or name in MARKED_BY_OTHER_BRANCHES:
            continue
        yield name


def untranslated_source(source: str) -> str:
    """The template with every tag, variable, comment and translated text made a placeholder."""
    kept = []
    closing = None  # the tag that ends the translate or comment block we are in
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            kept.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            tag = token.contents.split()[0]
            if tag in TRANSLATE_BLOCKS:
                closing = TRANSLATE_BLOCKS[tag]
            elif tag == "comment":
                closing = "endcomment"
                continue
        if token.token_type != TokenType.COMMENT:
            # Inside a start tag (`<li{{ point|lang_of:"text" }}>`) a tag or variable writes
            # attributes, not text: it becomes a blank attribute there.
            written = "".join(kept)
            tag_start = written.rfind("<")
            inside_tag = tag_start > written.rfind(">")
            in_value = written[tag_start:].count('"') % 2 == 1
            kept.append(" data-x " if inside_tag and not in_value else PLACEHOLDER)
    return "".join(kept)


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.unread_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in UNREAD_ELEMENTS:
            self.unread_depth += 1
        attributes = dict(attrs)
        for name, value in attrs:
            read = name in READ_ATTRIBUTES
            read |= name == "value" and attributes.get("type") in {"submit", "button", "reset"}
            read |= name == "content" and attributes.get("name") == "description"
            if read and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in UNREAD_ELEMENTS and self.unread_depth:
            self.unread_depth -= 1

    def handle_data(self, data):
        if not self.unread_depth:
            self.texts.append(data)


def english_words(name: str) -> list[str]:
    source = untranslated_source((TEMPLATES / name).read_text())
    if name.endswith(".txt"):
        texts = [source]
    else:
        parser = VisibleText()
        parser.feed(source)
        parser.close()
        texts = parser.texts
    words = []
    for text in texts:
        for name in NAMES:
            text = re.sub(rf"\b{re.escape(name)}\b", PLACEHOLDER, text)
        words += WORD.findall(text)
    return words


@pytest.mark.parametrize("name", list(template_names()))
def test_template_text_is_marked_for_translation(name):
    assert english_words(name) == []


def test_checker_finds_unmarked_text_and_attributes(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.TEMPLATES", tmp_path)
    (tmp_path / "page.html").write_text(
        '{% load i18n %}<img alt="A chart" src="{{ src }}"><p>{% translate "Hello" %} world '
        "{{ name }}</p>{# a comment #}{% blocktranslate %}Of {{ n }}{% endblocktranslate %}"
        '{% comment %}hidden{% endcomment %}<input type="submit" value="Send">'
        "<script>let x = 1;</script>"
    )
    (tmp_path / "mail.txt").write_text("{% load i18n %}{% translate 'Hi' %}\nBye {{ name }}")

    assert english_words("page.html") == ["chart", "world", "Send"]
    assert english_words("mail.txt") == ["Bye"]
