"""Atom and RSS 2.0 feeds of newly published findings, for readers and aggregators.

A feed takes the findings list's query string (theme, sdg, consortium, country, year, q) and
reads it through the list's own filters (``finding_list_filter``): ``feed.atom?theme=…&q=…``
follows what the list shows for ``?theme=…&q=…``, newest published first, the latest
`FEED_SIZE`. A parameter the list would leave out is refused with a 400 in plain text, so an
aggregator never follows a feed that silently differs from what its subscriber chose.

Entries carry the finding's own dates (``<updated>`` its last change, ``<published>`` its
publication), and the feed's ``<updated>`` is its newest entry's: a feed reader sees a
change only when a finding changed.
"""

from html import escape
from typing import NamedTuple

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plp_portal.content_language import LANGUAGE_CODES
from plp_portal.plain_text import xml_text

from .filters import FindingListFilter, finding_list_filter
from .followed import FollowedFindings

FEED_SIZE = 30
# Entries show a finding's title and summary, never its body (the largest columns).
UNSHOWN = ("search_vector", "body", *(f"body_{code}" for code in LANGUAGE_CODES))


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose summaries are plain text (`type="text"`).

    Django marks every summary `type="html"`: a feed reader then turns a member's
    `<svg onload=…>`, escaped once by the XML, back into live markup. A finding's summary is
    plain text, so it is sent as text.
    """

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class InvalidFeedFilters(Exception):
    def __init__(self, errors):
        super().__init__("invalid feed filters")
        self.errors = errors


class FeedSelection(NamedTuple):
    """A feed's object: what it follows, and the list's filters that select it."""

    selection: FollowedFindings
    filterset: FindingListFilter


class LatestFindingsFeed(Feed):
    """Atom: the findings the list shows for this query string, newest published first."""

    feed_type = PlainTextAtomFeed
    subtitle = gettext_lazy("Findings newly published by the peer-learning partnerships.")

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFeedFilters as error:
            return _invalid_filters(error.errors)

    def get_object(self, request, *args, **kwargs):
        filterset = finding_list_filter(request.GET)
        if filterset.is_bound and not filterset.is_valid():
            raise InvalidFeedFilters(filterset.errors)
        cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
        return FeedSelection(FollowedFindings.from_filters(cleaned), filterset)

    def title(self, followed: FeedSelection):
        return xml_text(followed.selection.feed_title())

    def link(self, followed: FeedSelection):
        return followed.selection.list_url()

    def feed_url(self, followed: FeedSelection):
        return self.url_of(followed.selection)

    def url_of(self, selection: FollowedFindings) -> str:
        return selection.atom_url()

    def author_name(self):
        return settings.SITE_NAME

    def items(self, followed: FeedSelection):
        # The list's order is its sort (a search: best match); a feed is newest first.
        return (
            followed.filterset.qs.order_by("-published_at", "title")
            .select_related("consortium")
            .prefetch_related("themes")
            .defer(*UNSHOWN)[:FEED_SIZE]
        )

    # Members' text, without the control characters XML cannot carry (plp_portal.plain_text).

    def item_title(self, finding):
        return xml_text(finding.title)

    def item_description(self, finding):
        return xml_text(finding.summary)

    def item_pubdate(self, finding):
        return finding.published_at

    def item_updateddate(self, finding):
        return finding.updated_at

    def item_author_name(self, finding):
        return xml_text(finding.consortium.short_name)

    def item_categories(self, finding):
        return [xml_text(theme.name) for theme in finding.themes.all()]


class LatestFindingsRssFeed(LatestFindingsFeed):
    """RSS 2.0 of the same findings.

    RSS readers read a title or description as HTML (RSS has no `type="text"`), so plain text
    is sent as HTML that shows that text: escaped once as HTML, then once more by the XML
    (Django's own default for RSS titles). A member's `<svg onload=…>` reaches the reader as
    the characters `<svg onload=…>`, never as markup.
    """

    feed_type = Rss201rev2Feed

    def title(self, followed: FeedSelection):
        return escape(super().title(followed), quote=False)

    def description(self):  # RSS's name for Atom's subtitle
        return escape(str(self.subtitle), quote=False)

    def url_of(self, selection: FollowedFindings) -> str:
        return selection.rss_url()

    def author_name(self):
        return None  # RSS 2.0 has no channel author without an e-mail address

    def item_title(self, finding):
        return escape(super().item_title(finding), quote=False)

    def item_description(self, finding):
        return escape(super().item_description(finding), quote=False)

    def item_guid_is_permalink(self, finding):
        return True


def _invalid_filters(errors) -> HttpResponse:
    lines = [
        _(
            "No feed: some filters in the address are not valid. A feed takes the parameters "
            "of the findings list; correct or remove these:"
        )
    ]
    lines += [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )
