"""The address a request came from, the one rule for throttles, lockouts and the audit log.

A caller writes whatever it likes into X-Forwarded-For; only the entries appended by our own
proxies are true. With PLP_NUM_PROXIES = N trusted proxies in front of the portal, each
appends the address it saw, so the client is the N-th entry from the right. With N = 0 (no
proxy) the header is ignored and the socket's address (REMOTE_ADDR) is the client.
"""

import ipaddress

from django.conf import settings


def _normalised(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's IP address, normalised (``2001:db8::1``), as the trusted proxies saw it."""
    remote = request.META.get("REMOTE_ADDR", "")
    remote = _normalised(remote) or remote
    proxies = settings.PLP_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    entries = forwarded.split(",")
    # Fewer entries than proxies: the request passed fewer of them; the first one wrote it.
    return _normalised(entries[-min(proxies, len(entries))]) or remote
