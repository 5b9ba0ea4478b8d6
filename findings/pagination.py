"""Pages of findings that cost the same at any depth the lists allow.

A deep page of rows ordered by date or title reads its ids first, from a covering index alone
(migration 0008: `finding_newest_covering`, `finding_oldest_covering`,
`finding_title_covering`), then only its own rows: OFFSET 10,000 over whole rows reads 10,000
wide rows (their bodies) to throw them away, over the index it skips 10,000 small entries.
"""

import math
from functools import cached_property

from django.core.paginator import Paginator

#: Results beyond these are not paged to (refine instead): page 500 costs what page 1 does.
MAX_PAGED_RESULTS = 10_000
#: From this offset a page reads its ids first; shallower pages read their rows at once (one
#: query fewer, and skipping a few hundred rows costs little).
IDS_FIRST_FROM_OFFSET = 500


class IdsFirstPages:
    """A Paginator whose deep pages read the page's ids first, then those rows, in order."""

    #: The ids of the whole result in order, when known already (a search's ranked matches):
    #: a page then reads only its own rows, never sorting the others.
    ordered_ids: list[int] | None = None

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self.ordered_ids is not None:
            return self._get_page(
                rows_in_order(self.object_list, self.ordered_ids[bottom:top]), number, self
            )
        if bottom < IDS_FIRST_FROM_OFFSET or not hasattr(self.object_list, "values_list"):
            return self._get_page(self.object_list[bottom:top], number, self)
        return self._get_page(page_rows(self.object_list, bottom, top), number, self)


def page_rows(queryset, bottom: int, top: int) -> list:
    """`list(queryset[bottom:top])`, reading the ids of those rows first (an index-only scan
    where the order has a covering index), then the rows themselves."""
    return rows_in_order(queryset, list(queryset.values_list("pk", flat=True)[bottom:top]))


def rows_in_order(queryset, ids: list[int]) -> list:
    """The rows of `queryset` with these ids, in the order of `ids`."""
    by_pk = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [by_pk[pk] for pk in ids if pk in by_pk]


class IdsFirstPaginator(IdsFirstPages, Paginator):
    """For lists that count their rows themselves (the API's page-number pagination can use
    it as its `django_paginator_class`)."""


class CappedPaginator(IdsFirstPages, Paginator):
    """A paginator told the result's `count` (no COUNT query) that pages only the first
    `MAX_PAGED_RESULTS` results; `count` stays the whole result's."""

    def __init__(self, object_list, per_page, *, count: int, ordered_ids=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count
        self.ordered_ids = ordered_ids

    @cached_property
    def count(self) -> int:
        return self.known_count

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        paged = min(self.count, MAX_PAGED_RESULTS)
        return math.ceil(max(1, paged - self.orphans) / self.per_page)

    @property
    def is_capped(self) -> bool:
        return self.count > MAX_PAGED_RESULTS
