"""Finishing the sign-in: an account that needs a second factor reaches nothing but the
two-step pages and "log out" until a code has confirmed its session.

It runs after django-otp's ``OTPMiddleware``. The API is left to its own door
(``consortia.authentication.VerifiedSessionAuthentication``), which answers in JSON; the admin
checks it again itself (``plp_portal.admin_site``).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse

from .two_factor import has_second_factor, must_confirm_second_factor

API_PREFIX = "/api/"


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("two_factor:verify"),
        reverse("two_factor:setup"),
        reverse("two_factor:setup_qr"),
        reverse("logout"),
    )


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._held_back(request):
            return self._finish_sign_in(request)
        return self.get_response(request)

    def _held_back(self, request) -> bool:
        path = request.path
        if path.startswith((API_PREFIX, "/" + settings.STATIC_URL.lstrip("/"))):
            return False
        if path in _open_paths():
            return False
        return must_confirm_second_factor(request.user)

    def _finish_sign_in(self, request):
        step = "two_factor:verify" if has_second_factor(request.user) else "two_factor:setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(step)}?{query}")
