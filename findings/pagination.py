"""Pages of a result whose size is already known, paged to only as deep as big catalogues go."""

import math
from functools import cached_property

from django.core.paginator import Paginator

#: Results beyond these are not paged to (refine instead): page 500 costs what page 1 does.
MAX_PAGED_RESULTS = 10_000


class CappedPaginator(Paginator):
    """A paginator told the result's `count` (no COUNT query) that pages only the first
    `MAX_PAGED_RESULTS` results; `count` stays the whole result's."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

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
