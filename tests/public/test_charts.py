"""The charts on the home, theme, SDG and consortium pages: their numbers are the database's
(published findings only), each is a named figure with a table, and none speaks by colour alone.
"""

import datetime as dt

import pytest

from consortia.enums import MembershipRole
from findings.enums import FindingStatus
from findings.models import Finding
from findings.services import finding_publish
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedFindingFactory,
    ThemeFactory,
    sdg,
)
from tests.public.chart_html import rendered_chart

HOME_CHARTS = ["chart-themes", "chart-sdgs", "chart-countries", "chart-over-time"]


@pytest.fixture(autouse=True)
def rendered(settings):
    settings.PLP_PAGE_CACHE = False


def at(year: int) -> dt.datetime:
    return dt.datetime(year, 6, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def programme(db):
    """Two themes, two consortia; published findings beside a draft, a submission and a
    withdrawn finding on the same themes and goals, which no chart counts."""
    legal = ThemeFactory(name="Legal frameworks")
    local = ThemeFactory(name="Local ecosystems")
    silk = ConsortiumFactory(short_name="SILK")
    sim = ConsortiumFactory(short_name="SIM")
    PublishedFindingFactory(consortium=silk, themes=[legal], sdgs=[sdg(8)], published_at=at(2020))
    PublishedFindingFactory(
        consortium=silk, themes=[legal, local], sdgs=[sdg(8), sdg(11)], published_at=at(2021)
    )
    PublishedFindingFactory(consortium=silk, themes=[legal], published_at=at(2021))
    PublishedFindingFactory(consortium=sim, themes=[local], sdgs=[sdg(17)], published_at=at(2022))
    for status in (FindingStatus.DRAFT, FindingStatus.SUBMITTED, FindingStatus.WITHDRAWN):
        FindingFactory(consortium=sim, status=status, themes=[legal, local], sdgs=[sdg(8), sdg(17)])
    return {"legal": legal, "local": local, "silk": silk, "sim": sim}


def test_findings_per_theme_are_the_published_findings_of_each_theme(client, programme):
    page = client.get("/en/").content.decode()

    chart = rendered_chart(page, "chart-themes")
    assert chart.caption == "Published findings per theme"
    assert chart.headings == ["Theme", "Published findings"]
    assert chart.table() == {"Legal frameworks": 3, "Local ecosystems": 2}
    assert chart.texts == ["3 Legal frameworks", "2 Local ecosystems"]


def test_the_theme_list_draws_the_same_chart(client, programme):
    home = rendered_chart(client.get("/en/").content.decode(), "chart-themes")

    themes = rendered_chart(client.get("/en/themes/").content.decode(), "chart-themes")

    assert themes.rows == home.rows


def test_findings_per_sdg_list_every_goal_in_order_with_its_colour_and_name(client, programme):
    for url in ("/en/", "/en/sdgs/"):
        chart = rendered_chart(client.get(url).content.decode(), "chart-sdgs")

        table = chart.table()
        assert list(table)[:3] == [
            "SDG 1: No Poverty",
            "SDG 2: Zero Hunger",
            "SDG 3: Good Health and Well-being",
        ]
        assert len(table) == 17
        assert {name: count for name, count in table.items() if count} == {
            "SDG 8: Decent Work and Economic Growth": 2,
            "SDG 11: Sustainable Cities and Communities": 1,
            "SDG 17: Partnerships for the Goals": 1,
        }
        # The goal's colour, and beside it its number, name and count in words.
        assert chart.bar_classes == ["chart__bar sdg-8", "chart__bar sdg-11", "chart__bar sdg-17"]
        assert "2 SDG 8: Decent Work and Economic Growth" in chart.texts
        assert "0 SDG 1: No Poverty" in chart.texts


def test_findings_per_consortium_and_year_count_each_year_of_publication(client, programme):
    chart = rendered_chart(client.get("/en/").content.decode(), "chart-over-time")

    assert chart.headings == ["Consortium", "2020", "2021", "2022", "All years"]
    assert chart.rows == [("SILK", ["1", "2", "0", "3"]), ("SIM", ["0", "0", "1", "1"])]
    # One small chart per consortium, each named by the figure's caption and its own title.
    assert [svg["aria-labelledby"] for svg in chart.svgs] == [
        "chart-over-time-caption chart-over-time-1",
        "chart-over-time-caption chart-over-time-2",
    ]
    # Every column's count is written above it, every year under it.
    assert chart.texts == ["1", "2020", "2", "2021", "2022", "2020", "2021", "1", "2022"]


def test_findings_over_the_years_draw_six_consortia_and_sum_the_others(client, db):
    for index in range(8):
        consortium = ConsortiumFactory(short_name=f"Consortium {index}")
        PublishedFindingFactory.create_batch(
            8 - index, consortium=consortium, published_at=at(2021)
        )

    page = client.get("/en/").content.decode()

    chart = rendered_chart(page, "chart-over-time")
    assert chart.table() == {
        **{f"Consortium {index}": 8 - index for index in range(6)},
        "2 other consortia": 3,
    }
    assert "The other 2 consortia together: 3 published findings." in page


def test_partner_organisations_per_country_count_each_member_organisation_once(client, db):
    first, second = ConsortiumFactory(), ConsortiumFactory()
    in_both = OrganisationFactory(name="Both", country="FR")
    MembershipFactory(consortium=first, organisation=in_both, role=MembershipRole.LEAD)
    MembershipFactory(consortium=second, organisation=in_both, role=MembershipRole.LEAD)
    MembershipFactory(consortium=first, organisation=OrganisationFactory(country="FR"))
    MembershipFactory(consortium=first, organisation=OrganisationFactory(country="ES"))
    MembershipFactory(consortium=second, organisation=OrganisationFactory(country=""))
    OrganisationFactory(country="DE")  # in no consortium

    chart = rendered_chart(client.get("/en/").content.decode(), "chart-countries")

    assert chart.caption == "Partner organisations listed on the portal, per country"
    assert chart.table() == {"France": 2, "Country not given": 1, "Spain": 1}


def test_countries_past_the_twelfth_are_summed(client, db):
    consortium = ConsortiumFactory()
    codes = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"]
    for index, code in enumerate(codes):
        for _ in range(2 if index < 2 else 1):
            MembershipFactory(consortium=consortium, organisation=OrganisationFactory(country=code))

    chart = rendered_chart(client.get("/en/").content.decode(), "chart-countries")

    table = chart.table()
    assert list(table)[:3] == ["Austria", "Belgium", "Bulgaria"]
    assert len(table) == 13
    assert table["in 2 other countries"] == 2
    assert chart.texts[-1] == "2 in 2 other countries"


def test_a_consortium_page_charts_the_consortia_it_shares_organisations_with(client, db):
    silk, sim, social, alone = (
        ConsortiumFactory(short_name=name) for name in ("SILK", "SIM", "Social Value", "Alone")
    )
    shared = [OrganisationFactory() for _ in range(3)]
    for organisation in shared:
        MembershipFactory(consortium=silk, organisation=organisation)
    MembershipFactory(consortium=sim, organisation=shared[0])
    MembershipFactory(consortium=sim, organisation=shared[1])
    MembershipFactory(consortium=social, organisation=shared[2])
    MembershipFactory(consortium=alone)

    chart = rendered_chart(client.get(silk.get_absolute_url()).content.decode(), "chart-sharing")

    assert chart.caption == "Consortia it shares organisations with"
    assert chart.table() == {"SIM": 2, "Social Value": 1}
    assert chart.texts == ["2 SIM", "1 Social Value"]
    lonely = client.get(alone.get_absolute_url()).content.decode()
    assert "It shares no organisation with another consortium." in lonely


def test_theme_and_goal_pages_chart_their_published_findings_per_consortium(client, programme):
    legal = rendered_chart(
        client.get(programme["legal"].get_absolute_url()).content.decode(), "chart-consortia-on"
    )
    goal = rendered_chart(client.get("/en/sdgs/17/").content.decode(), "chart-consortia-on")

    assert legal.caption == "Published findings on this theme, per consortium"
    assert legal.table() == {"SILK": 3}
    assert goal.caption == "Published findings on this goal, per consortium"
    assert goal.table() == {"SIM": 1}


def test_a_theme_chart_names_ten_consortia_and_sums_the_others(client, db):
    theme = ThemeFactory()
    for index in range(12):
        PublishedFindingFactory.create_batch(
            1 + (index < 2), consortium=ConsortiumFactory(short_name=f"C{index:02}"), themes=[theme]
        )

    chart = rendered_chart(
        client.get(theme.get_absolute_url()).content.decode(), "chart-consortia-on"
    )

    assert chart.table() == {
        "C00": 2,
        "C01": 2,
        **{f"C{index:02}": 1 for index in range(2, 10)},
        "from 2 other consortia": 2,
    }


@pytest.mark.parametrize(
    ("url", "figure_id"),
    [("/en/", name) for name in HOME_CHARTS]
    + [
        ("/en/themes/", "chart-themes"),
        ("/en/sdgs/", "chart-sdgs"),
        ("/en/sdgs/8/", "chart-consortia-on"),
    ],
)
def test_every_chart_is_a_named_figure_with_its_numbers_in_a_table(
    client, programme, url, figure_id
):
    MembershipFactory(consortium=programme["silk"])

    chart = rendered_chart(client.get(url).content.decode(), figure_id)

    assert chart.caption_id == f"{figure_id}-caption"
    assert chart.svgs
    for svg in chart.svgs:
        assert svg["role"] == "img"
        assert svg["aria-labelledby"].split()[0] == chart.caption_id
        assert "viewbox" in svg or svg["width"] == "100%"
    assert chart.summary == "Show the numbers"
    assert chart.rows
    # Every number drawn is written as text, never told by a bar's length or colour alone.
    drawn = " ".join(chart.texts)
    for _, cells in chart.rows:
        assert cells[-1] in drawn or figure_id == "chart-over-time"


def test_a_chart_shows_a_finding_once_it_is_published(
    client, programme, curator, django_capture_on_commit_callbacks
):
    submitted = FindingFactory(
        consortium=programme["sim"], status=FindingStatus.SUBMITTED, themes=[programme["local"]]
    )
    before = rendered_chart(client.get("/en/").content.decode(), "chart-themes").table()

    with django_capture_on_commit_callbacks(execute=True):
        finding_publish(finding=submitted, user=curator)

    after = rendered_chart(client.get("/en/").content.decode(), "chart-themes").table()
    assert (before["Local ecosystems"], after["Local ecosystems"]) == (2, 3)


def test_chart_geometry_is_never_localised_but_its_numbers_are(client, programme):
    many = Finding.objects.bulk_create(
        PublishedFindingFactory.build(consortium=programme["silk"], published_at=at(2021))
        for _ in range(1200)
    )
    Finding.themes.through.objects.bulk_create(
        Finding.themes.through(finding=finding, theme=programme["local"]) for finding in many
    )

    page = client.get("/fr/").content.decode()

    # 3 findings beside 1,202: a decimal length, written with a point in every language, and
    # the counts grouped as the language groups them.
    bars = rendered_page_bars(page)
    assert 'width="0.5%"' in bars
    assert rendered_chart(page, "chart-themes").texts == [
        "1 202 Local ecosystems",  # a narrow no-break space, read as a space
        "3 Legal frameworks",
    ]


def rendered_page_bars(page: str) -> str:
    start = page.index('id="chart-themes"')
    return page[start : page.index("</svg>", start)]
