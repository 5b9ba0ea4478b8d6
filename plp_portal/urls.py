"""The root URLconf.

A URL namespace may hold pages served by several apps: a page lives in the highest app whose
data it shows, but keeps the namespace of what it is about (``consortia:consortium_detail`` is
served by events, since it lists event appearances). Each app's urls.py offers its patterns for
other namespaces as ``<namespace>_urlpatterns``, and only here, where every app may be imported,
are they joined: a lower app never imports an upper one.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

import consortia.member_urls
import consortia.urls
import events.urls
import findings.member_urls
import findings.urls
from consortia.models import Consortium, Organisation, Person
from consortia.sitemaps import ConsortiumSitemap, OrganisationSitemap, PersonSitemap
from events.models import Event
from events.sitemaps import EventSitemap, SectionSitemap
from findings.models import SDG, Finding, Theme
from findings.oai.views import oai_pmh
from findings.output_models import Output
from findings.sitemaps import FindingSitemap, OutputSitemap, SDGSitemap, ThemeSitemap

from . import sitemaps, views
from .open_data import views as open_data_views
from .open_data.dump import DUMP_NAME
from .page_tags import shows


def namespace(name: str, *pattern_lists: list) -> tuple:
    """One URL namespace made of the patterns several apps offer for it."""
    return include(([pattern for patterns in pattern_lists for pattern in patterns], name))


SITEMAPS = {
    "sections": SectionSitemap,
    "consortia": ConsortiumSitemap,
    "events": EventSitemap,
    "themes": ThemeSitemap,
    "findings": FindingSitemap,
    "outputs": OutputSitemap,
    "sdgs": SDGSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
}

# What the sitemap lists: the address of every public page of these kinds.
SITEMAP_SHOWS = (Consortium, Organisation, Person, Event, Theme, Finding, SDG, Output)

# The database out of reach before a view runs (a session, a user) is a 503 too.
handler500 = "plp_portal.unavailable.server_error"

# Addresses without a language: for machines (crawlers, load balancers, API clients) and for
# the admin. The API answers in the language of Accept-Language (README, "Languages"). The
# admin stays here too: it is one tool for curators, its addresses are written into
# bookmarks, e-mails and the review queue's links, and it follows the browser's
# Accept-Language like the API, so a curator gets it in their language without a prefix.
urlpatterns = [
    path("robots.txt", shows()(views.robots_txt), name="robots_txt"),
    # Open data for machines: not cached (plp_portal.open_data.views, findings.oai.views).
    path(f"open-data/{DUMP_NAME}", open_data_views.open_data_dump, name="open_data_dump"),
    path("oai", oai_pmh, name="oai"),
    path("healthz", views.health, name="health"),
    path("readyz", views.readiness, name="readiness"),
    # The index names every page of every section; a section page holds at most
    # plp_portal.sitemaps.LIMIT addresses, each with its address in every language.
    path(
        "sitemap.xml",
        shows(*SITEMAP_SHOWS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        shows(*SITEMAP_SHOWS)(sitemaps.section),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("plp_portal.api")),
]

# Pages for people: one address per language, /en/…, /fr/…, /es/… (English prefixed too, so
# every address names its language and a page is cached once per language). An old address
# without a prefix (/, /findings/…) is sent on (302) to the language of Accept-Language by
# LocaleMiddleware; feeds and calendars are written in a language, so they are prefixed too.
urlpatterns += i18n_patterns(
    path("privacy/", shows()(views.privacy_notice), name="privacy_notice"),
    path("accessibility/", shows()(views.accessibility_statement), name="accessibility_statement"),
    # Not cached: it shows the dump's date and size (plp_portal.open_data.views).
    path("open-data/", open_data_views.open_data, name="open_data"),
    path("accounts/two-factor/", include("consortia.two_factor_urls")),
    path("accounts/", include("plp_portal.accounts_urls")),
    path("me/tokens/", include("consortia.token_urls")),
    path(
        "me/",
        namespace("members", consortia.member_urls.urlpatterns, findings.member_urls.urlpatterns),
    ),
    path(
        "",
        namespace(
            "consortia",
            consortia.urls.urlpatterns,
            findings.urls.consortia_urlpatterns,
            events.urls.consortia_urlpatterns,
        ),
    ),
    path("", namespace("findings", findings.urls.urlpatterns, events.urls.findings_urlpatterns)),
    path("", include("events.urls")),
)
