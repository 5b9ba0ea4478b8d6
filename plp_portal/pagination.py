"""Page-numbered lists with a bounded depth, for the site's pages.

A page deep in a long list costs what its offset costs: the database reads and drops every row
before it. Like the big catalogues, lists stop at `MAX_RESULTS` results; past that, readers
narrow the list with filters instead of paging on.
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

MAX_RESULTS = 10_000


class PageBeyondLimit(EmptyPage):
    """A page past the last one that may be browsed."""


class CountedPaginator(Paginator):
    """A paginator that may be told its count (for instance from a cached grouped count),
    which saves the COUNT query."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._given_count = count

    @cached_property
    def count(self) -> int:
        if self._given_count is not None:
            return self._given_count
        return super().count


class BoundedPaginator(CountedPaginator):
    """Pages of at most `MAX_RESULTS` results in all."""

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, max(1, MAX_RESULTS // self.per_page))

    @property
    def is_truncated(self) -> bool:
        """More results than the pages reach."""
        return self.count > self.num_pages * self.per_page

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if int(number) > 1 and self.count > MAX_RESULTS:
                raise PageBeyondLimit(
                    _("Pages stop after %(limit)s results: narrow the list with filters.")
                    % {"limit": f"{MAX_RESULTS:,}"}
                ) from None
            raise


class BoundedPagesMixin:
    """For a paginated ListView: pages stop at `MAX_RESULTS` results, and a page past them is
    a 404 that says why and where to go, rather than a bare "not found"."""

    paginator_class = BoundedPaginator
    beyond_limit_template = "page_beyond_limit.html"
    #: Where readers narrow this list (a URL with the list's filters), for the 404 page.
    narrow_url: str = ""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404 as error:
            if not isinstance(error.__context__, PageBeyondLimit):
                raise
            return TemplateResponse(
                request,
                self.beyond_limit_template,
                {
                    "message": str(error.__context__),
                    "first_page_url": request.path,
                    "narrow_url": self.get_narrow_url(),
                },
                status=404,
            )

    def get_narrow_url(self) -> str:
        return self.narrow_url
