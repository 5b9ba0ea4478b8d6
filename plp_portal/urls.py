from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from consortia.sitemaps import ConsortiumSitemap, OrganisationSitemap, PersonSitemap
from events.sitemaps import EventSitemap, SectionSitemap
from findings.sitemaps import FindingSitemap, SDGSitemap, ThemeSitemap

from . import views

SITEMAPS = {
    "sections": SectionSitemap,
    "consortia": ConsortiumSitemap,
    "events": EventSitemap,
    "themes": ThemeSitemap,
    "findings": FindingSitemap,
    "sdgs": SDGSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
}

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.health, name="health"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("plp_portal.api")),
    path("me/tokens/", include("consortia.token_urls")),
    path("me/", include("findings.member_urls")),
    path("", include("consortia.urls")),
    path("", include("findings.urls")),
    path("", include("events.urls")),
]
