from plp_portal.content_signals import kind_tag
from plp_portal.sitemaps import RowSitemap

from .models import Consortium, Organisation, Person


class ConsortiumSitemap(RowSitemap):
    view_name = "consortia:consortium_detail"
    tags = [kind_tag(Consortium)]
    changefreq = "monthly"
    priority = 0.8

    def rows(self):
        return Consortium.objects.order_by("slug")


class OrganisationSitemap(RowSitemap):
    view_name = "consortia:organisation_detail"
    tags = [kind_tag(Organisation)]
    changefreq = "yearly"
    priority = 0.4

    def rows(self):
        return Organisation.objects.order_by("slug")


class PersonSitemap(RowSitemap):
    view_name = "consortia:person_detail"
    tags = [kind_tag(Person)]
    changefreq = "yearly"
    priority = 0.3

    def rows(self):
        return Person.objects.order_by("slug")
