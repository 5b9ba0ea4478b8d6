"""Refusals of too many requests (429) and of requests a limit cannot be checked for (503),
each with Retry-After: a friendly page for people, the API's error shape for programs."""

from django.http import JsonResponse
from django.shortcuts import render


def wants_json(request) -> bool:
    """The API, or a caller that asks for JSON and not for a page."""
    if request.path.startswith("/api/"):
        return True
    return request.accepts("application/json") and not request.accepts("text/html")


def _refusal(
    request,
    *,
    status: int,
    template: str,
    detail: str,
    code: str,
    retry_after: int,
    context: dict | None = None,
):
    # Imported here: the API's modules load the throttles, which load this one.
    from .api_errors import error_body

    retry_after = max(1, int(retry_after))
    if wants_json(request):
        response = JsonResponse(error_body(detail, code, retry_after=retry_after), status=status)
    else:
        response = render(request, template, {"detail": detail, **(context or {})}, status=status)
    response["Retry-After"] = str(retry_after)
    # A refusal is about this caller now: never one for a cache to hand to others.
    response["Cache-Control"] = "private, no-store"
    return response


def too_many_requests(request, *, detail: str, code: str, retry_after: int, sign_in=False):
    """``sign_in``: the refusal of a sign-in, whose page offers a password reset."""
    return _refusal(
        request,
        status=429,
        template="429.html",
        detail=detail,
        code=code,
        retry_after=retry_after,
        context={"sign_in": sign_in},
    )


def limit_unavailable(request, *, detail: str, retry_after: int):
    return _refusal(
        request,
        status=503,
        template="limit_unavailable.html",
        detail=detail,
        code="unavailable",
        retry_after=retry_after,
    )
