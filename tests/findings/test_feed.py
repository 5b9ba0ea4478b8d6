import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from findings.models import Finding
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    PublishedFindingFactory,
    ThemeFactory,
    sdg,
)
from tests.findings.feed_syntax import ATOM, atom, atom_entries, rfc3339, rss, rss_items


@pytest.mark.django_db
def test_feed_lists_published_findings_newest_first(client):
    theme = ThemeFactory(name="Legal frameworks")
    older = PublishedFindingFactory(title="Older", published_at="2021-12-01T10:00:00Z")
    newer = PublishedFindingFactory(
        title="Newer", published_at="2021-12-02T10:00:00Z", themes=[theme]
    )
    for status in ["draft", "submitted", "rejected", "withdrawn"]:
        FindingFactory(title=f"Not listed {status}", status=status)

    response = client.get("/en/findings/feed.atom")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Newer", "Older"]
    assert entries[0].find(f"{ATOM}link").get("href") == (
        f"http://testserver{newer.get_absolute_url()}"
    )
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == newer.consortium.short_name
    assert [c.get("term") for c in entries[0].findall(f"{ATOM}category")] == ["Legal frameworks"]
    assert older.slug in entries[1].find(f"{ATOM}link").get("href")


@pytest.mark.django_db
def test_feed_query_count_is_fixed(client, django_assert_max_num_queries):
    theme = ThemeFactory()
    for _ in range(20):
        PublishedFindingFactory(themes=[theme])

    with django_assert_max_num_queries(3):
        client.get("/en/findings/feed.atom")


@pytest.mark.django_db
def test_every_page_advertises_the_feed(client):
    response = client.get("/en/findings/")

    assert (
        '<link rel="alternate" type="application/atom+xml" title="Latest findings" '
        'href="/en/findings/feed.atom">' in response.content.decode()
    )


@pytest.mark.django_db
def test_feed_sends_summaries_as_plain_text_so_readers_never_run_markup(client):
    PublishedFindingFactory(title="<b>Bold</b> claim", summary='<svg onload="alert(1)">Hi</svg>')

    response = client.get("/en/findings/feed.atom")

    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == '<svg onload="alert(1)">Hi</svg>'
    assert entry.find(f"{ATOM}title").text == "<b>Bold</b> claim"
    assert b"<svg" not in response.content  # escaped once, as text


# Filtered feeds, RSS, dates, refusals, escaping (the findings list's parameters).

FEEDS = ["/en/findings/feed.atom", "/en/findings/feed.rss"]


def entry_titles(response) -> list[str]:
    if response["Content-Type"].startswith("application/rss+xml"):
        return [item["title"] for item in rss_items(response.content)]
    return [entry["title"] for entry in atom_entries(response.content)]


def feed_title(response) -> str:
    if response["Content-Type"].startswith("application/rss+xml"):
        return rss(response.content).findtext("title")
    return atom(response.content).findtext(f"{ATOM}title")


@pytest.fixture
def programme(db):
    legal = ThemeFactory(name="Legal frameworks", name_fr="Cadres juridiques", slug="legal")
    cities = ThemeFactory(name="Cities", slug="cities")
    silk = ConsortiumFactory(short_name="SILK", slug="silk")
    sim = ConsortiumFactory(short_name="SIM", slug="sim")
    found = {
        "law": PublishedFindingFactory(
            title="Laws for the social economy",
            summary="Framework laws name the social economy.",
            consortium=silk,
            themes=[legal],
            sdgs=[sdg(8)],
            countries=["ES"],
            published_at="2022-03-01T09:00:00Z",
        ),
        "city": PublishedFindingFactory(
            title="Cities convene",
            summary="Municipal platforms bring actors together.",
            consortium=sim,
            themes=[cities],
            sdgs=[sdg(11)],
            countries=["FR"],
            published_at="2021-12-02T12:00:00Z",
        ),
        "both": PublishedFindingFactory(
            title="City ordinances",
            summary="Local rules for water cooperatives.",
            consortium=sim,
            themes=[legal, cities],
            sdgs=[sdg(8), sdg(11)],
            countries=["FR"],
            published_at="2023-05-10T08:00:00Z",
        ),
    }
    # Never in any feed, whatever it follows: each has a word only it has.
    for status in ["draft", "submitted", "rejected", "withdrawn"]:
        FindingFactory(
            title=f"Unpublished quokka{status} finding",
            summary=f"Only a {status} finding says platypus{status}.",
            status=status,
            consortium=silk,
            themes=[legal, cities],
            sdgs=[sdg(8), sdg(11)],
            countries=["ES", "FR"],
        )
    return found


SELECTIONS = {
    "": ["City ordinances", "Laws for the social economy", "Cities convene"],
    "?theme=legal": ["City ordinances", "Laws for the social economy"],
    "?theme=legal&theme=cities": [
        "City ordinances",
        "Laws for the social economy",
        "Cities convene",
    ],
    "?sdg=11": ["City ordinances", "Cities convene"],
    "?consortium=sim": ["City ordinances", "Cities convene"],
    "?country=ES": ["Laws for the social economy"],
    "?year=2021": ["Cities convene"],
    "?q=water": ["City ordinances"],
    "?theme=cities&q=platforms": ["Cities convene"],
    "?theme=legal&consortium=silk&sort=title&page=3&facet_all=theme": [
        "Laws for the social economy"
    ],
}


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize("query", sorted(SELECTIONS))
def test_feed_follows_the_list_selection_newest_published_first(client, programme, feed, query):
    response = client.get(feed + query)

    assert response.status_code == 200
    assert entry_titles(response) == SELECTIONS[query]
    listed = client.get("/en/findings/" + query.replace("&page=3", ""))
    assert sorted(entry_titles(response)) == sorted(
        re.findall(
            r'<h3 class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', listed.content.decode()
        )
    )


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize(
    "query",
    ["", "?theme=legal", "?theme=cities", "?sdg=8", "?sdg=11", "?consortium=silk", "?country=ES",
     "?country=FR", "?year=" + str(timezone.now().year), "?q=finding", "?q=quokkadraft",
     "?q=platypussubmitted", "?q=quokkarejected", "?q=platypuswithdrawn"],
)  # fmt: skip
def test_feeds_never_show_unpublished_findings(client, programme, feed, query):
    response = client.get(feed + query)

    assert response.status_code == 200
    if "?q=" in query:  # the feed's title and links name the search, its entries must not
        query_string = query.removeprefix("?")
        text = response.content.decode().replace(query_string, "").replace(query[3:], "")
    else:
        text = response.content.decode()
    assert "quokka" not in text
    assert "platypus" not in text


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("", "PLP Portal: latest findings"),
        ("?theme=legal", "Findings on Legal frameworks · PLP Portal"),
        ("?theme=legal&theme=cities", "Findings on Cities or Legal frameworks · PLP Portal"),
        ("?sdg=8", "Findings on SDG 8: Decent Work and Economic Growth · PLP Portal"),
        ("?consortium=silk", "Findings of SILK · PLP Portal"),
        ("?country=ES&country=FR", "Findings drawing on Spain or France · PLP Portal"),
        ("?year=2021", "Findings published in 2021 · PLP Portal"),
        ("?q=water+%22city+rules%22", "Findings matching “water city rules” · PLP Portal"),
        (
            "?theme=legal&consortium=sim&q=water",
            "Findings matching “water” (theme: Legal frameworks; consortium: SIM) · PLP Portal",
        ),
        ("?theme=legal&year=2023", "Findings (theme: Legal frameworks; year: 2023) · PLP Portal"),
    ],
)
def test_feed_title_says_what_it_follows(client, programme, query, title):
    atom_title = feed_title(client.get("/en/findings/feed.atom" + query))
    rss_title = feed_title(client.get("/en/findings/feed.rss" + query))

    assert atom_title == title
    assert rss_title == html.escape(title, quote=False)


def test_feed_speaks_the_reader_language(client, programme):
    response = client.get("/fr/findings/feed.atom?theme=legal")

    feed = atom(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext(f"{ATOM}title") == "Résultats sur Cadres juridiques · PLP Portal"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://testserver/fr/findings/?theme=legal"
    )
    links = [entry["link"] for entry in atom_entries(response.content)]
    assert links == [
        f"http://testserver/fr/findings/{programme[name].slug}/" for name in ("both", "law")
    ]


def test_feed_links_to_the_list_it_follows_and_to_itself(client, programme):
    response = client.get("/en/findings/feed.rss?consortium=sim&theme=legal&sort=title&page=2")

    channel = rss(response.content)
    assert channel.findtext("link") == "http://testserver/en/findings/?theme=legal&consortium=sim"
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == (
        "http://testserver/en/findings/feed.rss?theme=legal&consortium=sim"
    )
    feed = atom(client.get("/en/findings/feed.atom?consortium=sim&theme=legal").content)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://testserver/en/findings/feed.atom?theme=legal&consortium=sim"
    )


def test_entries_carry_the_finding_own_dates_and_the_feed_its_newest(client, programme):
    Finding.objects.filter(pk=programme["law"].pk).update(
        updated_at=dt.datetime(2024, 1, 15, 10, 30, tzinfo=dt.UTC)
    )
    Finding.objects.filter(pk=programme["both"].pk).update(
        updated_at=dt.datetime(2023, 6, 1, 7, 0, tzinfo=dt.UTC)
    )

    response = client.get("/en/findings/feed.atom?theme=legal")

    assert [(e["title"], e["published"], e["updated"]) for e in atom_entries(response.content)] == [
        (
            "City ordinances",
            dt.datetime(2023, 5, 10, 8, 0, tzinfo=dt.UTC),
            dt.datetime(2023, 6, 1, 7, 0, tzinfo=dt.UTC),
        ),
        (
            "Laws for the social economy",
            dt.datetime(2022, 3, 1, 9, 0, tzinfo=dt.UTC),
            dt.datetime(2024, 1, 15, 10, 30, tzinfo=dt.UTC),
        ),
    ]
    feed = atom(response.content)
    assert rfc3339(feed.findtext(f"{ATOM}updated")) == dt.datetime(
        2024, 1, 15, 10, 30, tzinfo=dt.UTC
    )
    assert response["Last-Modified"] == "Mon, 15 Jan 2024 10:30:00 GMT"
    rss_response = client.get("/en/findings/feed.rss?theme=legal")
    assert [item["pubDate"] for item in rss_items(rss_response.content)] == [
        dt.datetime(2023, 5, 10, 8, 0, tzinfo=dt.UTC),
        dt.datetime(2022, 3, 1, 9, 0, tzinfo=dt.UTC),
    ]
    assert rss(rss_response.content).findtext("lastBuildDate") == "Mon, 15 Jan 2024 10:30:00 +0000"


def test_rss_items_have_permalink_guids_and_authors(client, programme):
    [item] = rss_items(client.get("/en/findings/feed.rss?country=ES").content)

    law = programme["law"]
    assert item == {
        "title": "Laws for the social economy",
        "description": "Framework laws name the social economy.",
        "link": f"http://testserver{law.get_absolute_url()}",
        "guid": f"http://testserver{law.get_absolute_url()}",
        "pubDate": dt.datetime(2022, 3, 1, 9, 0, tzinfo=dt.UTC),
        "creator": "SILK",
    }
    guid = rss(client.get("/en/findings/feed.rss?country=ES").content).find("item/guid")
    assert guid.get("isPermaLink") == "true"


@pytest.mark.parametrize("feed", FEEDS)
def test_feed_holds_the_newest_thirty(client, db, feed):
    start = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    for day in range(35):
        PublishedFindingFactory(title=f"Day {day}", published_at=start + dt.timedelta(days=day))

    titles = entry_titles(client.get(feed))

    assert titles == [f"Day {day}" for day in range(34, 4, -1)]


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?theme=no-such-theme", "theme"),
        ("?sdg=99", "sdg"),
        ("?sdg=eight", "sdg"),
        ("?consortium=nobody", "consortium"),
        ("?country=XX", "country"),
        ("?year=21", "year"),
        ("?sort=loudest", "sort"),
        ("?q=" + "w" * 201, "q"),
        ("?q=nul%00byte", "q"),
    ],
)
def test_feed_refuses_parameters_the_list_would_leave_out(client, programme, feed, query, field):
    response = client.get(feed + query)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == (
        "No feed: some filters in the address are not valid. A feed takes the parameters of "
        "the findings list; correct or remove these:"
    )
    assert [line.split(":")[0] for line in lines[1:]] == [field]


HOSTILE_TITLE = "<svg onload=alert(1)> ]]> Tom & Jerry\x07\x1b\x0b done"
HOSTILE_SUMMARY = "Fish & chips ]]><![CDATA[ <script>alert(1)</script>\x0c end"


def test_feeds_carry_hostile_text_as_text(client, db):
    theme = ThemeFactory(name="<b>Bold</b> & ]]>", slug="bold")
    PublishedFindingFactory(
        title=HOSTILE_TITLE,
        summary=HOSTILE_SUMMARY,
        consortium=ConsortiumFactory(short_name="A&B <i>co</i>"),
        themes=[theme],
    )
    shown_title = "<svg onload=alert(1)> ]]> Tom & Jerry done"
    shown_summary = "Fish & chips ]]><![CDATA[ <script>alert(1)</script> end"

    atom_response = client.get("/en/findings/feed.atom?theme=bold")
    rss_response = client.get("/en/findings/feed.rss?theme=bold")

    [entry] = atom(atom_response.content).findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == shown_title
    assert entry.findtext(f"{ATOM}summary") == shown_summary
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "A&B <i>co</i>"
    assert entry.find(f"{ATOM}category").get("term") == "<b>Bold</b> & ]]>"
    assert atom(atom_response.content).findtext(f"{ATOM}title") == (
        "Findings on <b>Bold</b> & ]]> · PLP Portal"
    )
    # RSS readers read titles and descriptions as HTML: they get HTML that shows the text.
    [item] = rss(rss_response.content).findall("item")
    assert item.findtext("title") == html.escape(shown_title, quote=False)
    assert item.findtext("description") == html.escape(shown_summary, quote=False)
    for response in (atom_response, rss_response):
        assert b"<svg" not in response.content
        assert b"<script" not in response.content
        assert b"<b>" not in response.content


def test_feed_of_a_hostile_search_names_it_as_text(client, db):
    PublishedFindingFactory(title="Water & <svg> cooperatives")
    query = "<svg onload=alert(1)> ]]> & \x07"

    atom_response = client.get("/en/findings/feed.atom", {"q": query})
    rss_response = client.get("/en/findings/feed.rss", {"q": query})

    assert atom_response.status_code == rss_response.status_code == 200
    shown = "Findings matching “<svg onload=alert(1)> ]]> & ” · PLP Portal"
    assert feed_title(atom_response) == shown
    assert feed_title(rss_response) == html.escape(shown, quote=False)
    assert b"<svg" not in atom_response.content + rss_response.content


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize(
    ("query", "budget"),
    [
        ("", 2),
        # One query per facet's values to validate, the findings, their themes.
        ("?theme=legal&sdg=8&consortium=silk&country=ES&year=2022", 5),
        # And the search's ranked matches (cached until a finding changes).
        ("?theme=legal&q=laws", 5),
    ],
)
def test_feed_query_count_is_fixed_whatever_the_selection(
    client, db, django_assert_max_num_queries, feed, query, budget
):
    legal = ThemeFactory(name="Legal frameworks", slug="legal")
    silk = ConsortiumFactory(short_name="SILK", slug="silk")
    for number in range(40):
        PublishedFindingFactory(
            title=f"Laws {number}",
            themes=[legal, ThemeFactory()],
            sdgs=[sdg(8)],
            consortium=silk,
            countries=["ES"],
            published_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=number),
        )

    with django_assert_max_num_queries(budget):
        response = client.get(feed + query)

    assert len(entry_titles(response)) == 30


def test_page_cache_keeps_one_copy_per_selection(client, programme, settings):
    settings.PLP_PAGE_CACHE = True

    first = client.get("/en/findings/feed.atom?theme=legal")
    other = client.get("/en/findings/feed.atom?theme=cities")
    again = client.get("/en/findings/feed.atom?theme=legal")

    assert entry_titles(first) == ["City ordinances", "Laws for the social economy"]
    assert entry_titles(other) == ["City ordinances", "Cities convene"]
    assert again.content == first.content
