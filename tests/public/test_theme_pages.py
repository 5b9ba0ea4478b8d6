import datetime as dt
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

    response = client.get("/en/themes/ecosystems/")

    groups = [
        (group.consortium.short_name, sorted(f.title for f in group.latest.findings))
        for group in response.context["theme_findings"].groups
    ]
    assert groups == [
        ("Respond, Rebuild and Reinvent", ["Cities convene", "Platforms connect"]),
        ("SILK", ["Policies enable"]),
    ]
    assert b"Draft on ecosystems" not in response.content
    assert b"more from" not in response.content  # nothing was left out


def test_theme_detail_shows_the_leading_consortia_and_their_latest_findings_with_see_all_links(
    client, db, settings
):
    theme = ThemeFactory(slug="ecosystems", name="Enabling ecosystems")
    busy = ConsortiumFactory(short_name="Busy", slug="busy")
    for day in range(1, 6):
        PublishedFindingFactory(
            consortium=busy,
            title=f"Busy finding {day}",
            themes=[theme],
            published_at=dt.datetime(2023, 1, day, tzinfo=dt.UTC),
        )
    quieter = [
        ConsortiumFactory(short_name=f"Quiet {n:02}", slug=f"quiet-{n:02}") for n in range(13)
    ]
    for consortium in quieter:
        PublishedFindingFactory(consortium=consortium, themes=[theme])

    response = client.get("/en/themes/ecosystems/")

    theme_findings = response.context["theme_findings"]
    assert [group.consortium.short_name for group in theme_findings.groups] == [
        "Busy",
        *[f"Quiet {n:02}" for n in range(11)],
    ]
    assert [f.title for f in theme_findings.groups[0].latest.findings] == [
        "Busy finding 5",
        "Busy finding 4",
        "Busy finding 3",
    ]
    html = response.content.decode()
    assert (
        '<a href="/en/findings/?theme=ecosystems&amp;consortium=busy">'
        "2 more from Busy — see all</a>" in html
    )
    assert (
        '<a href="/en/findings/?theme=ecosystems">2 more consortia have findings on this theme'
        " — see all</a>" in html
    )
    assert "See all 18 findings" in html
    assert "Quiet 11" not in html


def test_theme_detail_shows_breakouts_of_published_events_with_key_points(client, db):
    theme = ThemeFactory(slug="visibility")
    breakout = BreakoutFactory(theme=theme, title="Raising SSE Visibility and its Impact")
    KeyPointFactory(breakout=breakout, text="Build capacities of all stakeholders.")
    BreakoutFactory(
        theme=theme,
        title="Rehearsal breakout",
        session=SessionFactory(kind="breakouts", event=EventFactory(status=EventStatus.DRAFT)),
    )

    html = client.get("/en/themes/visibility/").content.decode()

    assert '<h3 class="card__title">Raising SSE Visibility and its Impact</h3>' in html
    assert "<li>Build capacities of all stakeholders.</li>" in html
    assert "Rehearsal breakout" not in html


def test_theme_detail_of_unknown_slug_is_404(client, db):
    assert client.get("/en/themes/nothing/").status_code == 404
