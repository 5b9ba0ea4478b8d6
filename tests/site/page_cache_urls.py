"""The site's routes plus cacheable views that misbehave, for tests/site/test_page_cache.py."""

from django.http import HttpResponse
from django.urls import path

from findings.models import Finding
from plp_portal.page_tags import shows
from plp_portal.urls import urlpatterns as site_urlpatterns

RENDERS = {"count": 0}


def counting_page(request, cookie=False, cache_control=""):
    RENDERS["count"] += 1
    response = HttpResponse(f"render {RENDERS['count']}")
    if cookie:
        response.set_cookie("visited", "yes")
    if cache_control:
        response["Cache-Control"] = cache_control
    return response


urlpatterns = [
    path("test/counting/", shows(Finding)(counting_page)),
    path("test/cookie/", shows(Finding)(counting_page), {"cookie": True}),
    path("test/private/", shows(Finding)(counting_page), {"cache_control": "private"}),
    path("test/no-store/", shows(Finding)(counting_page), {"cache_control": "no-store"}),
    *site_urlpatterns,
]
