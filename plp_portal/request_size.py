"""Request bodies larger than the portal accepts are refused before they are read.

Django streams a multipart body (files) to disk whole before any form can look at its size,
so a 200 MB upload costs 200 MB of transfer, disk and a worker's time before the form says no.
Here the declared Content-Length decides, before anything reads the body: a body with files
may be at most PLP_UPLOAD_MAX_BYTES (a form's attachments and its text), any other body at
most Django's DATA_UPLOAD_MAX_MEMORY_SIZE. A larger one is a 413 that says the limit: a page
for the site, the API's JSON error under /api/.

A body sent without a Content-Length (chunked) is not read by Django at all, so it needs no
check here; the proxy in front bounds what it forwards (client_max_body_size).
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .api_errors import error_body

API_PATH = "/api/"
MULTIPART = "multipart/form-data"


def declared_length(request) -> int:
    # As Django reads it: a missing or malformed length is no body at all.
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def body_limit(request) -> int | None:
    if request.content_type == MULTIPART:
        return settings.PLP_UPLOAD_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _size(n: int) -> str:
    return filesizeformat(n).replace("\xa0", " ")


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request)
        length = declared_length(request)
        if limit is not None and length > limit:
            return too_large(request, length, limit)
        return self.get_response(request)


def too_large(request, length: int, limit: int):
    if request.path.startswith(API_PATH):
        detail = _("The request body is %(size)s; the API accepts at most %(limit)s.") % {
            "size": _size(length),
            "limit": _size(limit),
        }
        return JsonResponse(error_body(detail, "too_large", limit=limit), status=413)
    return render(
        request,
        "413.html",
        {
            "sent": _size(length),
            "limit": _size(limit),
            "with_files": request.content_type == MULTIPART,
            "file_limit": _size(settings.PLP_ATTACHMENT_MAX_BYTES),
        },
        status=413,
    )
