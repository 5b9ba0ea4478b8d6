"""Page-numbered lists with a bounded depth, for the site's pages.

A page deep in a long list costs what its offset costs: the database reads and drops every row
before it. Like the big catalogues, lists stop at `MAX_RESULTS` results; past that, readers
narrow the list with filters instead of paging on. Within that depth, a deep page reads its
ids first (an index-only scan where the order has a covering index), then only its own rows.
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

MAX_RESULTS = 10_000


class PageBeyondLimit(EmptyPage):
    """A page past the last one that may be browsed."""


#: From this offset a page reads its ids first; shallower pages read their rows at once (one
#: query fewer, and skipping a few hundred rows costs little).
IDS_FIRST_FROM_OFFSET = 500


def lazy_rows(load) -> SimpleLazyObject:
    """A page's rows, read when first used: a page whose list is a cached fragment never
    reads them."""
    return SimpleLazyObject(lambda: list(load()))


class IdsFirstPages:
    """A Paginator whose deep pages read the page's ids first, then those rows, in order."""

    #: The ids of the whole result in order, when known already (a search's ranked matches):
    #: a page then reads only its own rows, never sorting the others.
    ordered_ids: list[int] | None = None

    @cached_property
    def listed_ids(self) -> list[int] | None:
        """The whole result's ids in order, when the list knows them: `ordered_ids`, or a
        queryset's `ranked_ids` (a search) less those its other filters leave out (one query
        of at most those ids)."""
        if self.ordered_ids is not None:
            return self.ordered_ids
        ranked = getattr(self.object_list, "ranked_ids", None)
        if ranked is None:
            return None
        present = set(self.object_list.order_by().values_list("pk", flat=True))
        return [pk for pk in ranked if pk in present]

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self.listed_ids is not None:
            ids = self.listed_ids[bottom:top]
            return self._get_page(
                lazy_rows(lambda: rows_in_order(self.object_list, ids)), number, self
            )
        if bottom < IDS_FIRST_FROM_OFFSET or not hasattr(self.object_list, "values_list"):
            return self._get_page(self.object_list[bottom:top], number, self)
        return self._get_page(
            lazy_rows(lambda: page_rows(self.object_list, bottom, top)), number, self
        )


def page_rows(queryset, bottom: int, top: int) -> list:
    """`list(queryset[bottom:top])`, reading the ids of those rows first (an index-only scan
    where the order has a covering index), then the rows themselves."""
    return rows_in_order(queryset, list(queryset.values_list("pk", flat=True)[bottom:top]))


def rows_in_order(queryset, ids: list[int]) -> list:
    """The rows of `queryset` with these ids, in the order of `ids`."""
    by_pk = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [by_pk[pk] for pk in ids if pk in by_pk]


class CountedPaginator(IdsFirstPages, Paginator):
    """A paginator that may be told its count (for instance from a cached grouped count),
    which saves the COUNT query."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._given_count = count

    @cached_property
    def count(self) -> int:
        if self._given_count is not None:
            return self._given_count
        if self.listed_ids is not None:
            return len(self.listed_ids)
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
