"""Every feed is linked from the page a reader would look for it on: autodiscovery in the
head (for browsers and feed readers), visible "Follow" links in the page (for people)."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tests.factories import ConsortiumFactory, PublishedFindingFactory, ThemeFactory, sdg

ATOM_TYPE, RSS_TYPE = "application/atom+xml", "application/rss+xml"


class FeedLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_head = self.in_follow = False
        self.alternates, self.follow = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head and attrs.get("type") in (ATOM_TYPE, RSS_TYPE):
            self.alternates.append((attrs["type"], attrs["title"], attrs["href"]))
        elif tag == "p" and "follow-links" in attrs.get("class", ""):
            self.in_follow = True
        elif tag == "a" and self.in_follow:
            self.follow.append((attrs["type"], attrs["aria-label"], attrs["href"]))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "p":
            self.in_follow = False


def feed_links(client, address: str) -> FeedLinks:
    response = client.get(address)
    assert response.status_code == 200, address
    links = FeedLinks()
    links.feed(response.content.decode())
    return links


SITE_WIDE = [
    (ATOM_TYPE, "Latest findings", "/en/findings/feed.atom"),
    (RSS_TYPE, "Latest findings (RSS)", "/en/findings/feed.rss"),
]


@pytest.fixture
def subjects(db):
    theme = ThemeFactory(name="Legal frameworks", slug="legal")
    consortium = ConsortiumFactory(short_name="SILK", slug="silk")
    PublishedFindingFactory(themes=[theme], consortium=consortium, sdgs=[sdg(8)])
    return {"theme": theme, "consortium": consortium}


def test_home_and_unfiltered_list_advertise_and_show_the_feeds_of_every_finding(client, subjects):
    for address in ("/en/", "/en/findings/"):
        links = feed_links(client, address)

        assert links.alternates == SITE_WIDE
        assert links.follow == [
            (ATOM_TYPE, "Latest findings (Atom feed)", "/en/findings/feed.atom"),
            (RSS_TYPE, "Latest findings (RSS feed)", "/en/findings/feed.rss"),
        ]


@pytest.mark.parametrize(
    ("address", "name", "query"),
    [
        ("/en/themes/legal/", "Findings on Legal frameworks", "?theme=legal"),
        (
            "/en/sdgs/8/",
            "Findings on SDG 8: Decent Work and Economic Growth",
            "?sdg=8",
        ),
        ("/en/consortia/silk/", "Findings of SILK", "?consortium=silk"),
        (
            "/en/findings/?consortium=silk&theme=legal&sort=title&q=laws&page=1",
            "Findings matching “laws” (theme: Legal frameworks; consortium: SILK)",
            "?theme=legal&consortium=silk&q=laws",
        ),
    ],
)
def test_page_advertises_and_shows_the_feeds_of_what_it_lists(
    client, subjects, address, name, query
):
    links = feed_links(client, address)

    assert links.alternates == [
        *SITE_WIDE,
        (ATOM_TYPE, f"{name} (Atom)", f"/en/findings/feed.atom{query}"),
        (RSS_TYPE, f"{name} (RSS)", f"/en/findings/feed.rss{query}"),
    ]
    assert links.follow == [
        (ATOM_TYPE, f"{name} (Atom feed)", f"/en/findings/feed.atom{query}"),
        (RSS_TYPE, f"{name} (RSS feed)", f"/en/findings/feed.rss{query}"),
    ]
    for _type, _label, href in links.follow:
        response = client.get(href)
        assert response.status_code == 200, href
        assert ET.fromstring(response.content).find(".//{*}title").text == f"{name} · PLP Portal"


def test_findings_list_links_feeds_of_its_valid_filters_only(client, subjects):
    """A filter the list leaves out (and answers 400 for) is left out of its feeds too."""
    response = client.get("/en/findings/?theme=nope&year=21")
    links = FeedLinks()
    links.feed(response.content.decode())

    assert response.status_code == 400
    assert links.alternates == SITE_WIDE
    assert [href for _type, _label, href in links.follow] == [
        "/en/findings/feed.atom",
        "/en/findings/feed.rss",
    ]


def test_feed_links_speak_the_reader_language(client, subjects):
    links = feed_links(client, "/fr/consortia/silk/")

    assert [href for _type, _label, href in links.follow] == [
        "/fr/findings/feed.atom?consortium=silk",
        "/fr/findings/feed.rss?consortium=silk",
    ]
    assert links.follow[0][1] == "Résultats de SILK (flux Atom)"
