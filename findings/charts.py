"""The charts of published findings: per theme, per goal, and per consortium over the years.

Counts come from ``findings.counts`` (published findings only, one grouped query each, cached
until a finding changes); the geometry from ``plp_portal.charts``. Labels are made here, in the
reader's language, and cost no query: what a page caches is its rendered fragment.
"""

from collections import defaultdict

from django.utils.translation import gettext

from consortia.models import Consortium
from plp_portal.charts import BarChart, ChartItem, ColumnChart, Series, column_chart, ranked_bars
from plp_portal.object_urls import object_url

from . import counts

# A ranked chart names this many themes and sums the rest, however many there are.
THEMES_SHOWN = 12
# The chart over the years draws this many consortia (the most findings) and sums the rest.
CONSORTIA_SHOWN = 6
YEARS_SHOWN = 10
# A theme's or a goal's chart names this many consortia and sums the rest.
CONSORTIA_ON_SUBJECT_SHOWN = 10


def theme_chart(themes) -> BarChart:
    """Themes ranked by published findings; `themes` carry ``published_count``
    (``selectors.theme_list()``), so a page that lists them draws this without a query."""
    return ranked_bars(
        [
            ChartItem(theme.name, theme.published_count, theme.get_absolute_url())
            for theme in themes
        ],
        limit=THEMES_SHOWN,
    )


def sdg_label(number: int, short_name: str) -> str:
    return gettext("SDG %(number)s: %(name)s") % {"number": number, "name": short_name}


def sdg_chart(sdgs) -> BarChart:
    """Every goal in its own order (1 to 17), in its colour, with its number and name written
    beside it; `sdgs` carry ``published_count``."""
    return ranked_bars(
        [
            ChartItem(
                sdg_label(sdg.number, sdg.short_name),
                sdg.published_count,
                sdg.get_absolute_url(),
                css_class=f"sdg-{sdg.number}",
            )
            for sdg in sdgs
        ],
        ranked=False,
    )


def consortia_on_chart(*, theme=None, sdg=None) -> BarChart:
    """The consortia with the most published findings on `theme` or `sdg`; the others summed."""
    rows = counts.published_per_consortium_on(
        theme_id=theme.pk if theme is not None else None,
        sdg_number=sdg.number if sdg is not None else None,
    )
    return ranked_bars(
        [
            ChartItem(short_name, count, object_url("consortia:consortium_detail", slug))
            for short_name, slug, count in rows
        ],
        limit=CONSORTIA_ON_SUBJECT_SHOWN,
        ranked=False,  # ranked by the query, ties by name
    )


def consortium_timeline_chart() -> ColumnChart:
    """The consortia with the most published findings, each as its findings per year (the year
    of publication); the others summed. The cached count, and one query for the names of the
    consortia drawn (and of those tied with the last, to rank ties by name)."""
    by_consortium: dict[int, dict[int, int]] = defaultdict(dict)
    for consortium_id, year, count in counts.published_by_consortium_and_year():
        by_consortium[consortium_id][year] = count
    totals = {pk: sum(years.values()) for pk, years in by_consortium.items()}
    ranked_totals = sorted(totals.values(), reverse=True)
    if not ranked_totals:
        return column_chart([], limit=CONSORTIA_SHOWN)
    lowest_drawn = ranked_totals[:CONSORTIA_SHOWN][-1]
    candidates = {pk for pk, total in totals.items() if total >= lowest_drawn}
    names = Consortium.objects.filter(pk__in=candidates).values_list("pk", "short_name", "slug")
    series = [
        Series(
            label=short_name,
            values=by_consortium[pk],
            url=object_url("consortia:consortium_detail", slug),
        )
        for pk, short_name, slug in names
    ]
    # The rest are only summed: their names are never read.
    rest = [Series(label="", values=by_consortium[pk]) for pk in totals if pk not in candidates]
    return column_chart(series + rest, limit=CONSORTIA_SHOWN, most_years=YEARS_SHOWN)
