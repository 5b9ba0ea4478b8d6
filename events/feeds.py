"""Feeds of the programme's events (Atom and RSS 2.0), for readers and aggregators.

An entry shows the event as it stands: "Cancelled: …" or "Postponed: …" in its title, the
sentence saying what changed first in its summary, and as its updated time the event's own
last change, so a reader that already showed the entry shows it again when the event moves.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.feeds import PlainTextAtomFeed
from plp_portal.plain_text import xml_text

from .calendar import with_schedule_history
from .models import Event
from .schedule_notice import current_notice, titled
from .templatetags.event_tags import event_when

FEED_SIZE = 30


class EventsAtomFeed(Feed):
    feed_type = PlainTextAtomFeed
    link = reverse_lazy("events:event_list")
    subtitle = gettext_lazy(
        "Events of the peer-learning partnerships, newly announced or changed: rescheduled, "
        "postponed or cancelled."
    )
    description = subtitle  # RSS's name for it

    def title(self):
        return _("%(site)s: events") % {"site": settings.SITE_NAME}

    def items(self):
        # The latest announced or changed first: what a reader has not seen yet.
        events = list(Event.objects.published().order_by("-updated_at", "-pk")[:FEED_SIZE])
        with_schedule_history(events)
        return events

    def item_title(self, event):
        return xml_text(titled(event))

    def item_description(self, event):
        # Plain text: the feed type sends it as text (findings.feeds.PlainTextAtomFeed).
        # What changed (which names the dates as they stand), or else the dates.
        parts = [current_notice(event) or event_when(event), event.summary]
        return xml_text("\n\n".join(part for part in parts if part))

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_guid(self, event):
        # Stable across moves, so a reader updates the entry rather than adding another.
        return f"tag:plp-portal,event:{event.pk}"

    item_guid_is_permalink = False


class PlainTextRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose descriptions are plain text: readers take a description as HTML, so it is
    sent escaped once more (a member's `<b>` shows as typed, never as markup)."""

    def add_item_elements(self, handler, item):
        description = item["description"]
        if description is not None:
            item = {**item, "description": escape(description).replace("\n", "<br>")}
        super().add_item_elements(handler, item)


class EventsRssFeed(EventsAtomFeed):
    feed_type = PlainTextRssFeed

    def item_pubdate(self, event):
        # RSS has one date an item: its last change, which readers take as "updated".
        return event.updated_at
