"""The geometry of the site's charts: numbers in, bars and columns out, nothing else.

The apps count (findings.charts, consortia.charts) and the templates draw
(templates/includes/charts/); these pure functions decide where every bar goes, so the drawing
is tested exactly without a database or a browser.

Ranked bars are laid out in rows of fixed height whose lengths are percentages of the chart's
width: the SVG has no viewBox and its text keeps its size at any width (a 320 px phone reads the
same 13 px labels as a desktop). Each row holds its number and label on one line and its bar
below, so a long label never meets its bar. Columns (one small chart per consortium, years
across) are drawn in a fixed viewBox that scales as a whole: each is about as wide as a phone.
"""

from dataclasses import dataclass

# Ranked bars: one row per item, its text line and then its bar.
BAR_ROW_HEIGHT = 40
BAR_TEXT_BASELINE = 15
BAR_TOP = 21
BAR_THICKNESS = 12
# A count above zero always shows as a sliver, however small beside the largest.
BAR_MIN_PERCENT = 0.5
# Longer labels are cut (with "…") to fit beside their number: the short cut in a chart as
# narrow as a 320 px screen, the long one in a wider chart (the CSS chooses by the chart's own
# width); the table under the chart gives them whole.
LABEL_CHARACTERS = 36
LONG_LABEL_CHARACTERS = 64

# Columns: one panel per series, years across.
PANEL_WIDTH = 280
PANEL_HEIGHT = 110
PANEL_TOP = 18  # room for the number above the tallest column
PANEL_BOTTOM = 20  # room for the years under the axis
COLUMN_FILL = 0.7  # of each year's slot; the rest is the gap between columns
COLUMN_MOST_WIDTH = 40  # a year or two alone are columns, not blocks


@dataclass(frozen=True)
class ChartItem:
    """One thing counted: its name, its count, and optionally its page and a CSS class (an SDG's
    colour, ``sdg-8``)."""

    label: str
    value: int
    url: str = ""
    css_class: str = ""


@dataclass(frozen=True)
class Bar:
    item: ChartItem
    short_label: str
    long_label: str
    percent: float  # the bar's length, in % of the chart's width
    top: int  # the row's top edge, in px

    @property
    def text_y(self) -> int:
        return self.top + BAR_TEXT_BASELINE

    @property
    def bar_y(self) -> int:
        return self.top + BAR_TOP


@dataclass(frozen=True)
class Others:
    """The items left out of a ranked chart, summed: a text row under the bars, not a bar (the
    sum of dozens of items would dwarf every bar above it)."""

    items: int
    value: int
    text_y: int


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    others: Others | None
    height: int
    bar_thickness: int = BAR_THICKNESS

    @property
    def total(self) -> int:
        return sum(bar.item.value for bar in self.bars) + (self.others.value if self.others else 0)

    def __bool__(self) -> bool:
        return bool(self.bars)


def shorten(label: str, limit: int = LABEL_CHARACTERS) -> str:
    """`label` cut to at most `limit` characters, at a word where it can, ending with "…"."""
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def bar_percent(value: int, largest: int) -> float:
    """How long a bar of `value` is, in % of the chart's width, when `largest` fills it."""
    if value <= 0 or largest <= 0:
        return 0.0
    return round(max(value / largest * 100, BAR_MIN_PERCENT), 2)


def ranked_bars(
    items: list[ChartItem], *, limit: int | None = None, ranked: bool = True
) -> BarChart:
    """Bars for `items`, largest first (or in the order given when not `ranked`); past `limit`
    items the rest are summed into ``others``."""
    if ranked:
        items = sorted(items, key=lambda item: (-item.value, item.label.casefold()))
    shown, rest = (items, []) if limit is None else (items[:limit], items[limit:])
    largest = max((item.value for item in shown), default=0)
    bars = tuple(
        Bar(
            item=item,
            short_label=shorten(item.label),
            long_label=shorten(item.label, LONG_LABEL_CHARACTERS),
            percent=bar_percent(item.value, largest),
            top=index * BAR_ROW_HEIGHT,
        )
        for index, item in enumerate(shown)
    )
    height = len(bars) * BAR_ROW_HEIGHT
    others = None
    if rest:
        others = Others(
            items=len(rest),
            value=sum(item.value for item in rest),
            text_y=height + BAR_TEXT_BASELINE,
        )
        height += BAR_ROW_HEIGHT // 2
    return BarChart(bars=bars, others=others, height=height)


@dataclass(frozen=True)
class Column:
    year: int
    value: int
    x: float  # left edge, in viewBox units
    y: float  # top edge
    width: float
    height: float

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def value_y(self) -> float:
        """The baseline of the number written above the column."""
        return round(self.y - 4, 2)


@dataclass(frozen=True)
class ColumnPanel:
    """One series (a consortium's findings) as columns over the years, on a scale shared by
    every panel of its chart."""

    label: str
    url: str
    total: int
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class ColumnChart:
    years: tuple[int, ...]
    panels: tuple[ColumnPanel, ...]
    others: Others | None
    width: int = PANEL_WIDTH
    height: int = PANEL_HEIGHT
    baseline: int = PANEL_HEIGHT - PANEL_BOTTOM
    year_y: int = PANEL_HEIGHT - 5

    def __bool__(self) -> bool:
        return bool(self.panels)


@dataclass(frozen=True)
class Series:
    """What one panel shows: {year: count}."""

    label: str
    values: dict[int, int]
    url: str = ""

    @property
    def total(self) -> int:
        return sum(self.values.values())


def year_span(series: list[Series], *, most: int) -> tuple[int, ...]:
    """Every year from the first with a count to the last, the latest `most` of them."""
    years = {year for one in series for year, value in one.values.items() if value}
    if not years:
        return ()
    return tuple(range(max(min(years), max(years) - most + 1), max(years) + 1))


def column_chart(series: list[Series], *, limit: int, most_years: int = 10) -> ColumnChart:
    """A panel per series, the `limit` largest first (ties by name), the rest summed into
    ``others``; the years of all panels alike, the latest `most_years` at most."""
    ranked = sorted(series, key=lambda one: (-one.total, one.label.casefold()))
    ranked = [one for one in ranked if one.total]
    shown, rest = ranked[:limit], ranked[limit:]
    years = year_span(shown, most=most_years)
    largest = max((one.values.get(year, 0) for one in shown for year in years), default=0)
    slot = PANEL_WIDTH / len(years) if years else 0
    plot_height = PANEL_HEIGHT - PANEL_TOP - PANEL_BOTTOM
    width = round(min(slot * COLUMN_FILL, COLUMN_MOST_WIDTH), 2)
    panels = []
    for one in shown:
        columns = []
        for index, year in enumerate(years):
            value = one.values.get(year, 0)
            height = round(value / largest * plot_height, 2) if largest else 0.0
            if value and height < 1:
                height = 1.0
            columns.append(
                Column(
                    year=year,
                    value=value,
                    x=round(index * slot + (slot - width) / 2, 2),
                    y=round(PANEL_HEIGHT - PANEL_BOTTOM - height, 2),
                    width=width,
                    height=height,
                )
            )
        panels.append(
            ColumnPanel(label=one.label, url=one.url, total=one.total, columns=tuple(columns))
        )
    others = None
    if rest:
        others = Others(items=len(rest), value=sum(one.total for one in rest), text_y=0)
    return ColumnChart(years=years, panels=tuple(panels), others=others)
