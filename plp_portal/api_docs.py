"""The API's browsable documentation (Swagger UI), served under the site's
Content-Security-Policy.

drf-spectacular's own page writes its start-up script and styles inline, and its script carries
the CSRF token, so an anonymous read of the docs would set a CSRF cookie. Here every script and
style is a file: Swagger UI's start-up script is its own response (``?script``, the split view),
and the CSRF token is read from the cookie at the moment a signed-in member sends a write from
the docs.

Redoc is not offered: it writes styles before any nonce can reach them, starts its search in a
worker made from a blob: URL and loads its logo from Redocly's servers, none of which the policy
allows. /api/redoc/ leads to these docs instead.
"""

from csp.decorators import csp_update
from django.conf import settings
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView


# Swagger UI's stylesheet draws its icons as data: images.
@method_decorator(csp_update({"img-src": ["data:"]}), name="get")
class SwaggerDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    template_name_js = "api/swagger_ui.js"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["csrf_cookie_name"] = settings.CSRF_COOKIE_NAME
        return response
