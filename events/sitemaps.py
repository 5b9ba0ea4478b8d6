from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from plp_portal.content_signals import kind_tag
from plp_portal.sitemaps import RowSitemap

from .models import Event


class EventSitemap(RowSitemap):
    view_name = "events:event_detail"
    tags = [kind_tag(Event)]
    # Moves with every change to the event, a schedule change among them.
    lastmod_field = "updated_at"

    def get_latest_lastmod(self):
        # The index names no date for this small section: crawlers read it anyway, and the
        # index keeps its query budget (one aggregate for the findings only).
        return None

    changefreq = "weekly"
    priority = 0.8

    def rows(self):
        return Event.objects.published().order_by("slug")


class SectionSitemap(Sitemap):
    """The portal's entry pages."""

    changefreq = "weekly"
    priority = 1.0

    def items(self):
        return [
            "events:home",
            "consortia:consortium_list",
            "events:event_list",
            "findings:theme_list",
            "findings:finding_list",
            "findings:sdg_list",
            "consortia:organisation_list",
            "consortia:person_list",
        ]

    def location(self, name):
        return reverse(name)
