"""API authentication by personal token: `Authorization: Token <key>` or `Bearer <key>`."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from plp_portal.audit_log import audit

from .tokens import api_token_authenticate
from .two_factor import must_confirm_second_factor

KEYWORDS = {b"token", b"bearer"}


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None  # Not ours: let session authentication have a go.
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the header as `Authorization: Token <key>`, with no spaces in the key."
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("This is not a valid token.") from error
        token = api_token_authenticate(key)
        if token is None:
            audit("token_refused", request=request)
            raise exceptions.AuthenticationFailed("This token is unknown, expired or revoked.")
        return token.user, token

    def authenticate_header(self, request):
        return 'Token realm="api"'


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """A browser session, with its CSRF check; a session still waiting for its second factor
    (staff, or a member who turned two-step sign-in on) opens nothing, not even reads."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and must_confirm_second_factor(request._request.user):
            raise exceptions.AuthenticationFailed(
                "This session has not finished signing in: enter the code from your "
                "authenticator app at /accounts/two-factor/ first."
            )
        return result


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = VerifiedSessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": (
                "A signed-in browser session (with its CSRF token for writes). Staff, and "
                "members who turned two-step sign-in on, must have entered their code."
            ),
        }


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token, made and revoked at /me/tokens/ (or POST "
                "/api/v1/tokens/). Send `Authorization: Bearer <key>`; "
                "`Authorization: Token <key>` works too."
            ),
        }
