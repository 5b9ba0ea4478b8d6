"""Feeds read with a real XML parser, and checked for what their formats require.

Atom (RFC 4287): the feed and each entry have an id, a title, an updated date (RFC 3339) and
a link, and an author (each entry's own, or the feed's). RSS 2.0: the channel has a title, a
link and a description; each item a title, a link, a guid and an RFC 822 pubDate.
"""

import datetime as dt
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def rfc3339(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    assert moment.tzinfo is not None, text
    return moment


def atom(content: bytes) -> ET.Element:
    """The parsed feed, after checking RFC 4287's required elements."""
    feed = ET.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), f"feed without {name}"
    rfc3339(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    assert feed.find(f"{ATOM}link[@rel='alternate']") is not None
    feed_author = feed.findtext(f"{ATOM}author/{ATOM}name")
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "published"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"entry without {name}"
        rfc3339(entry.findtext(f"{ATOM}updated"))
        rfc3339(entry.findtext(f"{ATOM}published"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert entry.findtext(f"{ATOM}author/{ATOM}name") or feed_author
        summary = entry.find(f"{ATOM}summary")
        assert summary is None or summary.get("type") == "text"
    return feed


def atom_entries(content: bytes) -> list[dict]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": rfc3339(entry.findtext(f"{ATOM}updated")),
            "published": rfc3339(entry.findtext(f"{ATOM}published")),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for entry in atom(content).findall(f"{ATOM}entry")
    ]


def rss(content: bytes) -> ET.Element:
    """The parsed channel, after checking RSS 2.0's required elements."""
    root = ET.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), f"channel without {name}"
    for item in channel.findall("item"):
        for name in ("title", "link", "guid", "pubDate"):
            assert (item.findtext(name) or "").strip(), f"item without {name}"
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    return channel


def rss_items(content: bytes) -> list[dict]:
    return [
        {
            "title": item.findtext("title"),
            "description": item.findtext("description"),
            "link": item.findtext("link"),
            "guid": item.findtext("guid"),
            "pubDate": parsedate_to_datetime(item.findtext("pubDate")),
            "creator": item.findtext(f"{DC}creator"),
        }
        for item in rss(content).findall("item")
    ]
