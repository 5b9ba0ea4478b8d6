"""The accessibility statement (EU model) and the footer that links it on every page."""

import re

from django.urls import reverse


def text_of(response) -> str:
    """The page's visible words, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_accessibility_statement_has_the_eu_model_statements_parts(client, db):
    response = client.get("/en/accessibility/")

    headings = re.findall(r"<h2 id=\"[a-z-]+\">([^<]+)</h2>", response.content.decode())
    assert reverse("accessibility_statement") == "/en/accessibility/"
    assert response.status_code == 200
    assert headings == [
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ]
    text = text_of(response)
    assert (
        "PLP Portal is partially compliant with the Web Content Accessibility Guidelines (WCAG)"
        " 2.2, level AA, and with the European standard EN 301 549"
    ) in text
    assert "This statement was prepared on 26 November 2026." in text


def test_accessibility_statement_gives_this_installations_contact_address(client, settings, db):
    settings.PLP_CONTACT_EMAIL = "access@plp.example.eu"

    page = client.get("/en/accessibility/").content.decode()

    assert 'write to <a href="mailto:access@plp.example.eu">access@plp.example.eu</a>' in page


def test_footer_links_statement_privacy_open_data_api_and_contact_on_every_page(
    client, settings, db
):
    settings.PLP_CONTACT_EMAIL = "access@plp.example.eu"

    for address in ("/en/", "/en/findings/", "/en/no-such-page/"):
        footer = client.get(address).content.decode().split('<footer class="site-footer">')[1]
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)
        assert links[-8:] == [
            ("/en/accessibility/", "Accessibility"),
            ("/en/privacy/", "Privacy"),
            ("/en/open-data/", "Open data"),
            ("/api/docs/", "The API"),
            ("/en/findings/feed.atom", "Findings feed (Atom)"),
            ("/en/findings/feed.rss", "Findings feed (RSS)"),
            ("/en/events/calendar.ics", "Events calendar (iCalendar)"),
            ("mailto:access@plp.example.eu", "access@plp.example.eu"),
        ]
