"""A page's machine-readable head, read with the standard library's HTML parser: its JSON-LD
documents (parsed with ``json``) and its OpenGraph and Twitter-card tags."""

import json
from html.parser import HTMLParser


class _HeadReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.scripts.append("")
        elif tag == "meta":
            name = attributes.get("property") or attributes.get("name") or ""
            if name.startswith(("og:", "twitter:", "article:", "profile:")):
                self.meta.append((name, attributes.get("content", "")))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.scripts[-1] += data


def read_head(html: str) -> _HeadReader:
    reader = _HeadReader()
    reader.feed(html)
    reader.close()
    return reader


def json_ld(response) -> list[dict]:
    """Every JSON-LD document of the page, parsed."""
    return [json.loads(text) for text in read_head(response.content.decode()).scripts]


def only_json_ld(response) -> dict:
    documents = json_ld(response)
    assert len(documents) == 1, documents
    return documents[0]


def preview_tags(response) -> dict[str, list[str]]:
    """Each preview tag's values, in page order."""
    tags: dict[str, list[str]] = {}
    for name, content in read_head(response.content.decode()).meta:
        tags.setdefault(name, []).append(content)
    return tags
