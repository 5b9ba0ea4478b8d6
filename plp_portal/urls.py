from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("plp_portal.api")),
    path("me/tokens/", include("consortia.token_urls")),
    path("me/", include("findings.member_urls")),
    path("", include("consortia.urls")),
    path("", include("findings.urls")),
    path("", include("events.urls")),
]
