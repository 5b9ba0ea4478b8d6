"""One shape for every API error, so a client needs one code path to read them.

    {"detail": "A sentence for people.", "code": "machine_readable"}

A 400 adds the field errors: ``"errors": {"title": ["This field is required."]}`` (problems
with the request as a whole are under ``"non_field_errors"``); a 429 adds ``"retry_after"``
(seconds, also sent as the Retry-After header), and so does a 503 (the database out of reach,
plp_portal.unavailable).
"""

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from findings.exceptions import CommentRequired, FindingError, StaleVersion

from .unavailable import is_database_unavailable, unavailable_response

INVALID_INPUT = gettext_lazy("The request has invalid fields; see errors.")


def _error_code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def _flatten(errors) -> dict[str, list[str]]:
    """Field errors as {field: [messages]}, nested serializer errors as dotted names."""
    if isinstance(errors, list):
        return {"non_field_errors": [str(e) for e in errors]}
    flat: dict[str, list[str]] = {}
    for field, value in errors.items():
        if isinstance(value, dict):
            for sub_field, messages in _flatten(value).items():
                flat[f"{field}.{sub_field}"] = messages
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for index, item in enumerate(value):
                for sub_field, messages in _flatten(item).items():
                    flat[f"{field}.{index}.{sub_field}"] = messages
        else:
            flat[field] = [str(m) for m in (value if isinstance(value, list) else [value])]
    return flat


def error_body(detail: str, code: str, **extra) -> dict:
    return {"detail": detail, "code": code, **extra}


def exception_handler(exc, context):
    if is_database_unavailable(exc):
        # 503 with Retry-After and {"detail", "code": "service_unavailable", "retry_after"}.
        return unavailable_response(context["request"], exc)
    if isinstance(exc, StaleVersion):
        # 412 when the caller sent If-Match, 409 when it sent a version in the body.
        request = context.get("request")
        status_code = 412 if request is not None and request.headers.get("If-Match") else 409
        return Response(
            error_body(
                str(exc), "stale_version", expected_version=exc.expected, version=exc.current
            ),
            status=status_code,
        )
    if isinstance(exc, FindingError):
        code = "not_permitted" if exc.http_status == 403 else _snake(type(exc).__name__)
        extra = {}
        if exc.http_status == 400:
            field = "comment" if isinstance(exc, CommentRequired) else "non_field_errors"
            extra["errors"] = {field: [str(exc)]}
        return Response(error_body(str(exc), code, **extra), status=exc.http_status)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(INVALID_INPUT, "invalid", errors=_flatten(exc.detail))
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        extra = {}
        # A throttle's refusal, or a 503 from a limit that cannot be checked.
        if getattr(exc, "wait", None) is not None:
            extra["retry_after"] = math.ceil(exc.wait)
        if response.status_code == 400:
            # A body that isn't JSON at all: still the one shape of a 400.
            extra["errors"] = {"non_field_errors": [str(detail)]}
        response.data = error_body(str(detail), _error_code(exc), **extra)
    return response


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


@csrf_exempt  # A DELETE to a wrong address is still a 404, whatever its cookies say.
def not_found(request, *args, **kwargs):
    """For /api/ addresses that match no endpoint: the JSON 404, not the site's HTML page."""
    return JsonResponse(
        error_body(_("No such API endpoint."), "not_found"), status=status.HTTP_404_NOT_FOUND
    )
