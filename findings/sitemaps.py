from django.contrib.sitemaps import Sitemap

from .models import SDG, Finding, Theme


class FindingSitemap(Sitemap):
    """Published and withdrawn findings: both have a public, citable page."""

    changefreq = "monthly"
    priority = 0.9

    def items(self):
        return Finding.objects.public().order_by("slug")

    def lastmod(self, finding):
        return finding.updated_at


class ThemeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Theme.objects.order_by("slug")


class SDGSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return SDG.objects.all()
