"""Sitemaps built from database rows, not model instances, in pages of at most `LIMIT` URLs.

`/sitemap.xml` is the index (Django's sitemap index view); each section is served at
`/sitemap-<section>.xml?p=N` by `section` below. A section reads one page of `values_list()`
rows and builds each location from a URL template made once by `reverse()`, so a page costs
one query (and, when the section's content changed, one more for where its pages start)
whatever the number of rows.

Every page has an address per language (/en/…, /fr/…, /es/…): a section lists each of them,
each with the whole set as ``xhtml:link rel="alternate" hreflang`` and the address without a
language (which sends a reader on to theirs) as ``x-default``, as search engines ask.
"""

from abc import ABCMeta, abstractmethod
from collections.abc import Iterable
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import InvalidPage
from django.db.models import Max, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse

from .content_changes import cached
from .languages import unprefixed_path
from .pagination import CountedPaginator

#: URLs per sitemap page (the protocol allows 50,000; smaller pages are cheaper to serve).
LIMIT = 10_000
# Stands for the slug or number in a reversed URL; digits, so any converter accepts it.
_MARKER = "0000000000"


def url_template(view_name: str) -> str:
    """The path of `view_name`, without its language, with ``{}`` where its one argument goes."""
    return unprefixed_path(reverse(view_name, args=[_MARKER])).replace(_MARKER, "{}", 1)


class RowSitemap(Sitemap, metaclass=ABCMeta):
    """A section whose items are `values_list()` rows of `rows()` in primary-key order, located
    by `lookup`.

    Pages are cut by key, not by offset: where each page starts (every `limit`-th key) is
    computed once and cached until the section's content changes, so the last page costs what
    the first costs.
    """

    view_name: str
    lookup = "slug"
    #: The row field that says when the page last changed, if the model keeps one.
    lastmod_field: str | None = None
    #: Content tags whose change retires the cached page starts (plp_portal.content_signals).
    tags: Iterable[str] = ()

    def __init__(self):
        self._template = url_template(self.view_name)

    @property
    def limit(self) -> int:
        # Read at each use, so a test can lower it.
        return LIMIT

    @abstractmethod
    def rows(self) -> QuerySet:
        """The public rows of this section (a queryset; ordered and read as values here)."""

    def _fields(self) -> list[str]:
        return [self.lookup] + ([self.lastmod_field] if self.lastmod_field else [])

    def items(self) -> QuerySet:
        return self.rows().order_by("pk").values_list(*self._fields())

    def location(self, row) -> str:
        return self._template.format(row[0])

    def lastmod(self, row):
        return row[1] if self.lastmod_field else None

    def _cache_key(self, what: str) -> str:
        return f"sitemap:{type(self).__module__}.{type(self).__name__}:{what}"

    def page_starts(self) -> tuple[int, list]:
        """(number of rows, the first key of each page)."""
        limit = self.limit

        def compute():
            keys = list(self.rows().order_by("pk").values_list("pk", flat=True))
            return len(keys), keys[::limit]

        return cached(self._cache_key(f"starts:{limit}"), self.tags, compute)

    @property
    def paginator(self) -> CountedPaginator:
        count, _ = self.page_starts()
        return CountedPaginator(self.items(), self.limit, count=count)

    def page_items(self, number: int):
        """The rows of page `number`, a valid page number (see `paginator.validate_number`)."""
        _, starts = self.page_starts()
        if not starts:
            return []
        return self.items().filter(pk__gte=starts[number - 1])[: self.limit]

    def get_latest_lastmod(self):
        """For the index: one aggregate (cached), never a pass over every row."""
        if not self.lastmod_field:
            return None
        return cached(
            self._cache_key("lastmod"),
            self.tags,
            lambda: self.rows().aggregate(latest=Max(self.lastmod_field))["latest"],
        )


@x_robots_tag
def section(request, sitemaps: dict, section: str):
    """One page (`?p=N`) of a section, written row by row rather than through a template (a
    template costs over a second on 10,000 addresses, plain strings a few milliseconds), and
    cached until the section's content changes: reading 10,000 rows of a wide table is what
    still costs (about 0.1 s at 100,000 findings)."""
    try:
        sitemap = sitemaps[section]()
    except KeyError:
        raise Http404("No sitemap section of this name.") from None
    try:
        number = sitemap.paginator.validate_number(request.GET.get("p") or "1")
    except InvalidPage:
        raise Http404("No such page of this sitemap section.") from None
    origin = f"{request.scheme}://{get_current_site(request).domain}"

    def write() -> str:
        if isinstance(sitemap, RowSitemap):
            items = sitemap.page_items(number)
        else:
            items = sitemap.paginator.page(number).object_list
        return "".join(_urlset(sitemap, items, origin))

    tags = getattr(sitemap, "tags", ())
    body = cached(f"sitemap-page:{section}:{number}:{sitemap.limit}:{origin}", tags, write)
    return HttpResponse(body, content_type="application/xml")


def _urlset(sitemap: Sitemap, items, origin: str):
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    )
    tail = f"<changefreq>{sitemap.changefreq}</changefreq><priority>{sitemap.priority}</priority>"
    codes = [code for code, _name in settings.LANGUAGES]
    origin = escape(origin)
    lines = []
    for item in items:
        # The page's path without a language: a RowSitemap's already is, others' are reversed
        # in whatever language the request asked for.
        path = escape(unprefixed_path(sitemap.location(item)))
        modified = sitemap.lastmod(item) if hasattr(sitemap, "lastmod") else None
        # In UTC: the protocol's W3C date; converting each row to local time would cost more.
        stamp = f"<lastmod>{modified.date().isoformat()}</lastmod>" if modified else ""
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{origin}/{code}{path}"/>'
            for code in codes
        )
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{origin}{path}"/>'
        lines.extend(
            f"<url><loc>{origin}/{code}{path}</loc>{stamp}{tail}{links}</url>\n" for code in codes
        )
        if len(lines) >= 1000:
            yield "".join(lines)
            lines = []
    yield "".join(lines)
    yield "</urlset>\n"
