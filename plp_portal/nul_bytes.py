"""Admin addresses whose query carries a NUL byte are refused with a 400.

PostgreSQL text cannot hold one, and the admin's changelist passes its query parameters to the
database as they come (`?status__exact=%00` ended in a database error, a 500). The site's pages
and the API read their parameters through forms and filters, which already refuse NUL with a
field error (Django's ProhibitNullCharactersValidator), so only the admin needs this.
"""

from django.http import HttpResponseBadRequest

ADMIN_PATH = "/admin/"
REFUSAL = "The address holds a NUL character (%00), which no page of this site accepts.\n"


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PATH) and any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
