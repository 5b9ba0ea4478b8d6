"""Free-text search over findings, shared by the public pages and the API."""

from django.db.models import Q, QuerySet


def search_findings(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow `queryset` to findings matching every word of `query` in title, summary or body."""
    words = query.split()
    for word in words:
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    return queryset
