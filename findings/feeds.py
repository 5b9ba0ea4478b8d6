"""An Atom feed of newly published findings, for readers and aggregators."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Finding

FEED_SIZE = 30


class LatestFindingsFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("findings:finding_list")
    subtitle = "Findings newly published by the peer-learning partnerships."

    def title(self):
        return f"{settings.SITE_NAME}: latest findings"

    def items(self):
        return (
            Finding.objects.published()
            .select_related("consortium")
            .prefetch_related("themes")
            .order_by("-published_at", "title")[:FEED_SIZE]
        )

    def item_title(self, finding):
        return finding.title

    def item_description(self, finding):
        return finding.summary

    def item_pubdate(self, finding):
        return finding.published_at

    def item_updateddate(self, finding):
        return finding.updated_at

    def item_author_name(self, finding):
        return finding.consortium.short_name

    def item_categories(self, finding):
        return [theme.name for theme in finding.themes.all()]
