"""The charts of the consortia's own data: partner organisations per country, and the consortia
one consortium shares organisations with.

One grouped query each, cached until an organisation, a membership or a consortium changes
(``plp_portal.content_changes``); the geometry comes from ``plp_portal.charts``.
"""

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext
from django_countries import countries

from plp_portal.charts import BarChart, ChartItem, ranked_bars
from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag
from plp_portal.object_urls import object_url

from .models import Consortium, Membership, Organisation

COUNTRIES_SHOWN = 12
SHARING_CONSORTIA_SHOWN = 10
MEMBERSHIP_TAGS = [kind_tag(Organisation), kind_tag(Membership), kind_tag(Consortium)]


def organisations_by_country() -> list[tuple[str, int]]:
    """[(country code, or "" when not given; organisations in at least one consortium)]."""
    return cached(
        "consortia.count.organisations-by-country",
        MEMBERSHIP_TAGS,
        lambda: list(
            Organisation.objects.filter(
                Exists(Membership.objects.filter(organisation=OuterRef("pk")))
            )
            .order_by()
            .values_list("country")
            .annotate(count=Count("pk"))
        ),
    )


def country_chart() -> BarChart:
    """Partner organisations per country, the most first; the other countries summed."""
    return ranked_bars(
        [
            ChartItem(countries.name(code) if code else gettext("Country not given"), count)
            for code, count in organisations_by_country()
        ],
        limit=COUNTRIES_SHOWN,
    )


def consortia_sharing_organisations(consortium_id: int) -> list[tuple[str, str, int]]:
    """[(short name, slug, organisations it shares with the consortium)] of every other
    consortium with at least one organisation in common."""
    return cached(
        f"consortia.count.sharing-organisations:{consortium_id}",
        MEMBERSHIP_TAGS,
        lambda: list(
            Membership.objects.filter(organisation__memberships__consortium=consortium_id)
            .exclude(consortium=consortium_id)
            .order_by()
            .values_list("consortium__short_name", "consortium__slug")
            .annotate(shared=Count("pk"))
        ),
    )


def sharing_chart(consortium: Consortium) -> BarChart:
    """The consortia that share the most organisations with `consortium`; the others summed."""
    return ranked_bars(
        [
            ChartItem(short_name, shared, object_url("consortia:consortium_detail", slug))
            for short_name, slug, shared in consortia_sharing_organisations(consortium.pk)
        ],
        limit=SHARING_CONSORTIA_SHOWN,
    )
