"""The charts' geometry (plp_portal.charts): where every bar and column goes, exactly."""

from plp_portal.charts import (
    BAR_ROW_HEIGHT,
    ChartItem,
    Series,
    bar_percent,
    column_chart,
    ranked_bars,
    shorten,
    year_span,
)


def test_bar_percent_is_the_share_of_the_largest_value():
    assert [bar_percent(value, 40) for value in (40, 30, 10, 1, 0)] == [100.0, 75.0, 25.0, 2.5, 0.0]


def test_bar_percent_gives_a_tiny_count_a_visible_sliver():
    assert bar_percent(1, 100_000) == 0.5


def test_bar_percent_with_nothing_counted_is_zero():
    assert bar_percent(0, 0) == 0.0


def test_ranked_bars_put_the_largest_first_and_ties_by_name():
    chart = ranked_bars(
        [ChartItem("beta", 5), ChartItem("Alpha", 5), ChartItem("gamma", 20), ChartItem("delta", 0)]
    )

    assert [(bar.item.label, bar.percent, bar.top) for bar in chart.bars] == [
        ("gamma", 100.0, 0),
        ("Alpha", 25.0, 40),
        ("beta", 25.0, 80),
        ("delta", 0.0, 120),
    ]
    assert [(bar.text_y, bar.bar_y) for bar in chart.bars[:2]] == [(15, 21), (55, 61)]
    assert (chart.height, chart.others, chart.total) == (4 * BAR_ROW_HEIGHT, None, 30)


def test_ranked_bars_keep_the_given_order_when_not_ranked():
    chart = ranked_bars([ChartItem("SDG 1", 2), ChartItem("SDG 2", 8)], ranked=False)

    assert [(bar.item.label, bar.percent) for bar in chart.bars] == [
        ("SDG 1", 25.0),
        ("SDG 2", 100.0),
    ]


def test_ranked_bars_past_the_limit_sum_the_rest_in_a_text_row():
    items = [ChartItem(f"item {value}", value) for value in (50, 40, 30, 20, 10)]

    chart = ranked_bars(items, limit=3)

    assert [bar.item.value for bar in chart.bars] == [50, 40, 30]
    # The rest do not change the scale: the largest drawn bar fills the width.
    assert [bar.percent for bar in chart.bars] == [100.0, 80.0, 60.0]
    assert (chart.others.items, chart.others.value, chart.others.text_y) == (2, 30, 135)
    assert (chart.height, chart.total) == (140, 150)


def test_an_empty_bar_chart_is_false():
    assert not ranked_bars([])
    assert ranked_bars([]).height == 0


def test_shorten_keeps_a_short_label_whole():
    assert shorten("Decent work and economic growth") == "Decent work and economic growth"


def test_shorten_cuts_a_long_label_at_a_word():
    assert shorten("Industry, innovation and infrastructure of the future", 36) == (
        "Industry, innovation and…"
    )


def test_ranked_bars_cut_labels_for_a_narrow_and_a_wide_chart():
    label = "Building better-enabling ecosystems to support the social economy in Europe"

    (bar,) = ranked_bars([ChartItem(label, 1)]).bars

    assert (bar.short_label, bar.long_label) == (
        "Building better-enabling…",
        "Building better-enabling ecosystems to support the social…",
    )


def test_shorten_cuts_one_long_word_inside_it():
    assert shorten("a" * 50, 10) == "aaaaaaaaa…"


def test_year_span_covers_every_year_between_the_first_and_last_count():
    series = [Series("A", {2019: 2, 2022: 1}), Series("B", {2021: 3, 2018: 0})]

    assert year_span(series, most=10) == (2019, 2020, 2021, 2022)
    assert year_span(series, most=2) == (2021, 2022)
    assert year_span([Series("C", {})], most=10) == ()


def test_column_chart_draws_the_largest_series_on_one_scale():
    chart = column_chart(
        [
            Series("Small", {2020: 1}),
            Series("Large", {2020: 4, 2021: 2}, url="/large/"),
            Series("None", {}),
            Series("Middle", {2021: 3}),
        ],
        limit=2,
    )

    assert chart.years == (2020, 2021)
    assert [(panel.label, panel.url, panel.total) for panel in chart.panels] == [
        ("Large", "/large/", 6),
        ("Middle", "", 3),
    ]
    # Two years over 280 units: slots of 140, columns of 40 (not 70% of 140: two years would
    # be blocks) centred in them. The plot is 110 - 18 - 20 = 72 units tall; 4 (the largest
    # count drawn) fills it.
    large = chart.panels[0].columns
    assert [(c.year, c.value, c.x, c.y, c.width, c.height) for c in large] == [
        (2020, 4, 50.0, 18.0, 40.0, 72.0),
        (2021, 2, 190.0, 54.0, 40.0, 36.0),
    ]
    assert (large[0].centre, large[0].value_y) == (70.0, 14.0)
    middle = chart.panels[1].columns
    assert [(c.value, c.y, c.height) for c in middle] == [(0, 90.0, 0.0), (3, 36.0, 54.0)]
    # "None" published nothing and is left out; "Small" is summed.
    assert (chart.others.items, chart.others.value) == (1, 1)
    assert (chart.width, chart.height, chart.baseline, chart.year_y) == (280, 110, 90, 105)


def test_column_chart_of_many_years_fills_70_percent_of_each_slot():
    chart = column_chart([Series("A", {year: 1 for year in range(2017, 2027)})], limit=1)

    columns = chart.panels[0].columns
    assert len(columns) == 10
    assert [(c.year, c.x, c.width) for c in columns[:2]] == [(2017, 4.2, 19.6), (2018, 32.2, 19.6)]


def test_column_chart_of_nothing_is_false():
    chart = column_chart([Series("None", {})], limit=6)

    assert not chart
    assert (chart.years, chart.others) == ((), None)
