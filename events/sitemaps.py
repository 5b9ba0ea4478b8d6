from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
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
        ]

    def location(self, name):
        return reverse(name)
