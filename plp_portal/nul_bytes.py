"""Requests whose address carries a NUL byte are refused with a 400.

No address of the portal has a use for one, and PostgreSQL text cannot hold it: a query
parameter with `%00` reaching a filter (the admin's `?status__exact=%00`, any list's) would
otherwise end in a database error, a 500. Form fields already refuse NUL in posted data
(Django's ProhibitNullCharactersValidator).
"""

from django.http import HttpResponseBadRequest

REFUSAL = "The address holds a NUL character (%00), which no page of this site accepts.\n"


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
