"""The site's routes plus one that fails, to see what a 500 answer carries."""

from django.urls import path

from plp_portal.urls import urlpatterns as site_urlpatterns


def failing_page(request):
    raise RuntimeError("A bug in a view.")


urlpatterns = [path("test/failing/", failing_page), *site_urlpatterns]
