"""An Atom feed of newly published findings, for readers and aggregators."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plp_portal.plain_text import xml_text

from .models import Finding

FEED_SIZE = 30


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


class LatestFindingsFeed(Feed):
    feed_type = PlainTextAtomFeed
    link = reverse_lazy("findings:finding_list")
    subtitle = gettext_lazy("Findings newly published by the peer-learning partnerships.")

    def title(self):
        return _("%(site)s: latest findings") % {"site": settings.SITE_NAME}

    def items(self):
        return (
            Finding.objects.published()
            .select_related("consortium")
            .prefetch_related("themes")
            .order_by("-published_at", "title")[:FEED_SIZE]
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
