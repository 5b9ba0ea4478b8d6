import re

from django.urls import reverse

from events.enums import EventStatus
from findings.enums import ThemeKind
from tests.factories import (
    BreakoutFactory,
    ConsortiumFactory,
    EventFactory,
    FindingFactory,
    KeyPointFactory,
    PublishedFindingFactory,
    SessionFactory,
    ThemeFactory,
)


def test_theme_list_groups_themes_by_kind_with_published_counts(client, db):
    legal = ThemeFactory(name="Legal frameworks", kind=ThemeKind.TOPIC)
    ThemeFactory(name="Raising SSE visibility", kind=ThemeKind.EVENT)
    PublishedFindingFactory(themes=[legal])
    FindingFactory(themes=[legal])

    response = client.get(reverse("findings:theme_list"))

    html = response.content.decode()
    assert re.findall(r'<h2 id="kind-\d">([^<]+)</h2>', html) == ["Event themes", "Topic themes"]
    assert {t.name: t.published_count for t in response.context["themes"]} == {
        "Legal frameworks": 1,
        "Raising SSE visibility": 0,
    }


def test_theme_detail_sets_findings_of_all_consortia_side_by_side(client, db):
    theme = ThemeFactory(slug="ecosystems", name="Enabling ecosystems")
    silk = ConsortiumFactory(short_name="SILK", slug="silk")
    rrr = ConsortiumFactory(short_name="Respond, Rebuild and Reinvent", slug="rrr")
    PublishedFindingFactory(consortium=silk, title="Policies enable", themes=[theme])
    PublishedFindingFactory(consortium=rrr, title="Cities convene", themes=[theme])
    PublishedFindingFactory(consortium=rrr, title="Platforms connect", themes=[theme])
    FindingFactory(consortium=silk, title="Draft on ecosystems", themes=[theme])
    PublishedFindingFactory(title="Other theme")

    response = client.get("/themes/ecosystems/")

    groups = [
        (consortium.short_name, sorted(f.title for f in findings))
        for consortium, findings in response.context["consortium_groups"]
    ]
    assert groups == [
        ("Respond, Rebuild and Reinvent", ["Cities convene", "Platforms connect"]),
        ("SILK", ["Policies enable"]),
    ]
    assert b"Draft on ecosystems" not in response.content


def test_theme_detail_shows_breakouts_of_published_events_with_key_points(client, db):
    theme = ThemeFactory(slug="visibility")
    breakout = BreakoutFactory(theme=theme, title="Raising SSE Visibility and its Impact")
    KeyPointFactory(breakout=breakout, text="Build capacities of all stakeholders.")
    BreakoutFactory(
        theme=theme,
        title="Rehearsal breakout",
        session=SessionFactory(kind="breakouts", event=EventFactory(status=EventStatus.DRAFT)),
    )

    html = client.get("/themes/visibility/").content.decode()

    assert '<h3 class="card__title">Raising SSE Visibility and its Impact</h3>' in html
    assert "<li>Build capacities of all stakeholders.</li>" in html
    assert "Rehearsal breakout" not in html


def test_theme_detail_of_unknown_slug_is_404(client, db):
    assert client.get("/themes/nothing/").status_code == 404
