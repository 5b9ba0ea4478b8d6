"""The home page's charts, gathered from the apps that count them.

Each is read only when the template first uses it: inside the home page's cached fragment,
the charts cost no query while the fragment is current, and their counts are cached apart.
"""

from django.utils.functional import SimpleLazyObject

from consortia import charts as consortia_charts
from findings import charts as findings_charts
from findings import selectors as findings_selectors


def home_charts() -> dict:
    return {
        "themes": SimpleLazyObject(
            lambda: findings_charts.theme_chart(findings_selectors.theme_list())
        ),
        "sdgs": SimpleLazyObject(lambda: findings_charts.sdg_chart(findings_selectors.sdg_list())),
        "countries": SimpleLazyObject(consortia_charts.country_chart),
        "over_time": SimpleLazyObject(findings_charts.consortium_timeline_chart),
    }
