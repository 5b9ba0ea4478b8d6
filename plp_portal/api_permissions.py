"""DRF's two stock permissions, but a method the endpoint doesn't offer gets 405 first.

DRF checks permissions before it looks for a handler, so an anonymous DELETE on a read-only
endpoint would say 401, which suggests that signing in would help. It wouldn't.
"""

from rest_framework import permissions


def _offered(request, view) -> bool:
    return request.method in view.allowed_methods


class ReadOnlyOrAuthenticated(permissions.IsAuthenticatedOrReadOnly):
    def has_permission(self, request, view):
        return not _offered(request, view) or super().has_permission(request, view)


class Authenticated(permissions.IsAuthenticated):
    def has_permission(self, request, view):
        return not _offered(request, view) or super().has_permission(request, view)
