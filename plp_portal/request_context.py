"""The request being answered, for code that is not handed it (the audit log's address and
request id in a service), and the request's id: X-Request-ID.

The id is the proxy's (nginx: ``proxy_set_header X-Request-ID $request_id``) when it is a
plain token, otherwise a new one; it is sent back on every response so that a user's report,
the proxy's log and the audit log can be matched.
"""

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current = contextvars.ContextVar("plp_current_request", default=None)


def current_request():
    """The request this thread is answering, or None (a management command, a test)."""
    return _current.get()


def request_id(request) -> str | None:
    return getattr(request, "request_id", None)


class RequestContextMiddleware:
    """First in the chain, so that even a redirect to HTTPS or a cached page carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request.request_id = incoming if _PLAIN_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _current.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request.request_id
        return response
