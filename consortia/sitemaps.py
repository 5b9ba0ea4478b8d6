from django.contrib.sitemaps import Sitemap

from .models import Consortium, Organisation, Person


class ConsortiumSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Consortium.objects.order_by("slug")


class OrganisationSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return Organisation.objects.order_by("slug")


class PersonSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return Person.objects.order_by("slug")
