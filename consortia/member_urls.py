"""The ``members`` namespace's pages that consortia serves (``/me/``); plp_portal/urls.py joins
them with findings' workspace pages (findings/member_urls.py)."""

from django.urls import path

from . import member_views, privacy_views, two_factor_views

urlpatterns = [
    path("consortia/<slug:slug>/invite/", member_views.member_invite, name="member_invite"),
    path("sign-out-elsewhere/", member_views.sign_out_elsewhere, name="sign_out_elsewhere"),
    path("two-factor/", two_factor_views.settings_page, name="two_factor"),
    path(
        "two-factor/recovery-codes/",
        two_factor_views.recovery_codes_renew,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/off/", two_factor_views.turn_off, name="two_factor_off"),
    path("privacy/", privacy_views.privacy, name="privacy"),
    path("privacy/my-data.json", privacy_views.data_download, name="privacy_data"),
    path("privacy/erasure/", privacy_views.erasure_request, name="privacy_erasure"),
    path("privacy/erasure/withdraw/", privacy_views.erasure_cancel, name="privacy_erasure_cancel"),
]
