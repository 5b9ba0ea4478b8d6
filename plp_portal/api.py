"""The API's addresses: /api/v1/ (the endpoints), /api/schema/ (OpenAPI 3), /api/docs/."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from consortia.api.views import (
    ApiTokenViewSet,
    ConsortiumViewSet,
    OrganisationViewSet,
    PersonViewSet,
)
from events.api.views import EventViewSet
from findings.api.views import FindingViewSet, SDGViewSet, ThemeViewSet
from findings.reactions.api import FindingReactionsView

from .api_docs import SwaggerDocsView
from .api_errors import not_found

app_name = "api"

router = SimpleRouter()
router.register("consortia", ConsortiumViewSet, basename="consortium")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("events", EventViewSet, basename="event")
router.register("themes", ThemeViewSet, basename="theme")
router.register("sdgs", SDGViewSet, basename="sdg")
router.register("findings", FindingViewSet, basename="finding")
router.register("tokens", ApiTokenViewSet, basename="token")

urlpatterns = [
    path(
        "v1/findings/<slug:slug>/reactions/",
        FindingReactionsView.as_view(),
        name="finding-reactions",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedirectView.as_view(pattern_name="api:docs", permanent=True), name="redoc"),
    # Anything else under /api/ is a JSON 404, never the site's HTML page.
    re_path(r"^[\s\S]*$", not_found),
]
