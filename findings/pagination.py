"""Pages of findings that cost the same at any depth the lists allow.

A deep page of rows ordered by date or title reads its ids first (plp_portal.pagination), from
a covering index alone (migration 0008: `finding_newest_covering`, `finding_oldest_covering`,
`finding_title_covering`), then only its own rows: OFFSET 10,000 over whole rows reads 10,000
wide rows (their bodies) to throw them away, over the index it skips 10,000 small entries.
"""

import math
from functools import cached_property

from django.core.paginator import Paginator

from plp_portal.pagination import IdsFirstPages

#: Results beyond these are not paged to (refine instead): page 500 costs what page 1 does.
MAX_PAGED_RESULTS = 10_000


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
