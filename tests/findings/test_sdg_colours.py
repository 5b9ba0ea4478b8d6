"""The SDG badges' colours come from classes in site.css (style attributes are forbidden by
the Content-Security-Policy): each goal's class holds its colour from the SDG table and the
text colour of highest contrast on it."""

import re
from pathlib import Path

from findings.models import SDG
from findings.templatetags.findings_tags import contrast_ratio, text_colour_on
from tests.factories import PublishedFindingFactory, sdg

SITE_CSS = Path(__file__).resolve().parents[2] / "plp_portal" / "static" / "css" / "site.css"
RULE = re.compile(
    r"^\.sdg-(\d+) \{ --sdg-colour: (#[0-9A-F]{6}); --sdg-text: (#[0-9a-f]{6}); \}$", re.M
)


def test_each_goal_has_a_class_with_its_colour_and_a_readable_text_colour(db):
    rules = {
        int(number): (colour, text) for number, colour, text in RULE.findall(SITE_CSS.read_text())
    }

    assert rules == {
        goal.number: (goal.colour, text_colour_on(goal.colour)) for goal in SDG.objects.all()
    }
    assert all(contrast_ratio(colour, text) >= 4.5 for colour, text in rules.values())


def test_a_badge_names_its_goal_s_class(client, db):
    PublishedFindingFactory(slug="decent-work", sdgs=[sdg(8)])

    page = client.get("/en/findings/decent-work/").content.decode()

    assert 'class="sdg-badge sdg-8"' in page
