from plp_portal.content_signals import kind_tag
from plp_portal.sitemaps import RowSitemap

from .models import SDG, Finding, Theme
from .output_models import Output


class FindingSitemap(RowSitemap):
    """Published and withdrawn findings: both have a public, citable page."""

    view_name = "findings:finding_detail"
    lastmod_field = "updated_at"
    tags = [kind_tag(Finding)]
    changefreq = "monthly"
    priority = 0.9

    def rows(self):
        return Finding.objects.public().order_by("slug")


class ThemeSitemap(RowSitemap):
    view_name = "findings:theme_detail"
    tags = [kind_tag(Theme)]
    changefreq = "monthly"
    priority = 0.6

    def rows(self):
        return Theme.objects.order_by("slug")


class SDGSitemap(RowSitemap):
    view_name = "findings:sdg_detail"
    lookup = "number"
    tags = [kind_tag(SDG)]
    changefreq = "monthly"
    priority = 0.5

    def rows(self):
        return SDG.objects.order_by("number")


class OutputSitemap(RowSitemap):
    """Published and withdrawn outputs: both have a public, citable page."""

    view_name = "findings:output_detail"
    lastmod_field = "updated_at"
    tags = [kind_tag(Output)]
    changefreq = "monthly"
    priority = 0.8

    def rows(self):
        return Output.objects.public().order_by("slug")
