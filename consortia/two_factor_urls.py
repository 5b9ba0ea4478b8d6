"""``/accounts/two-factor/``: the second step of signing in (the ``two_factor`` namespace).
A member's settings live in the workspace (``/me/two-factor/``, consortia/member_urls.py)."""

from django.urls import path

from . import two_factor_views as views

app_name = "two_factor"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("setup/qr.svg", views.setup_qr, name="setup_qr"),
]
