import xml.etree.ElementTree as ET

import pytest

from tests.factories import FindingFactory, PublishedFindingFactory, ThemeFactory

ATOM = "{http://www.w3.org/2005/Atom}"


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
