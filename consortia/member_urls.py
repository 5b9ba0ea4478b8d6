"""The ``members`` namespace's pages that consortia serves (``/me/``); plp_portal/urls.py joins
them with findings' workspace pages (findings/member_urls.py)."""

from django.urls import path

from . import member_views

urlpatterns = [
    path("consortia/<slug:slug>/invite/", member_views.member_invite, name="member_invite"),
    path("sign-out-elsewhere/", member_views.sign_out_elsewhere, name="sign_out_elsewhere"),
]
