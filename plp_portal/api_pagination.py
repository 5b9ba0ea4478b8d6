"""Page-number pagination with a bounded page size (a 400 for a page size that isn't one) and a
bounded depth: a page whose offset is past MAX_OFFSET is a 404 that says so, as a deep offset
costs the database a read of every row before it."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from .pagination import MAX_RESULTS, CountedPaginator

MAX_PAGE_SIZE = 100
#: The deepest offset a page may start at.
MAX_OFFSET = MAX_RESULTS


class PageTooDeep(NotFound):
    default_code = "page_too_deep"


def last_page(page_size: int) -> int:
    """The last page a client may ask for with `page_size` items a page."""
    return MAX_OFFSET // page_size + 1


class PortalPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # DRF silently falls back to the default for nonsense; a caller deserves to know.
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return int(raw)

    def django_paginator_class(self, queryset, page_size):
        # A view that knows its list's length (a cached count) saves the COUNT query.
        return CountedPaginator(queryset, page_size, count=self._known_count)

    def paginate_queryset(self, queryset, request, view=None):
        known_count = getattr(view, "known_count", None)
        self._known_count = known_count() if known_count else None
        # DRF reads `?page=` as page 1; the schema says a page is a number.
        raw = request.query_params.get(self.page_query_param)
        if raw == "":
            raise NotFound("Invalid page.")
        if raw is not None and raw.isdigit():
            page_size = self.get_page_size(request)
            if int(raw) > last_page(page_size):
                raise PageTooDeep(
                    f"Pages stop at an offset of {MAX_OFFSET:,}: with page_size={page_size} the "
                    f"last page is {last_page(page_size)}. Narrow the list with filters to "
                    "reach the rest."
                )
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (
                    f"A page number. Pages stop at an offset of {MAX_OFFSET:,} "
                    "(page × page_size); a deeper page is a 404."
                )
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
        return parameters
