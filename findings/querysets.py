from django.db import models

from .states import LISTED_STATES, PUBLIC_STATES


class FindingQuerySet(models.QuerySet):
    #: The ids this queryset lists in that order (a search's ranked matches, best first),
    #: until another ordering replaces it: paginators page such a list by its ids instead of
    #: asking the database to sort by position in a long array (plp_portal.pagination).
    ranked_ids: list[int] | None = None

    def _clone(self):
        clone = super()._clone()
        clone.ranked_ids = self.ranked_ids
        return clone

    def order_by(self, *field_names):
        clone = super().order_by(*field_names)
        clone.ranked_ids = None
        return clone

    def reverse(self):
        clone = super().reverse()
        clone.ranked_ids = None
        return clone

    def published(self):
        """Findings that appear in lists, facets, search and programmes (``LISTED_STATES``)."""
        return self.filter(status__in=LISTED_STATES)

    def public(self):
        """Findings whose page answers (``PUBLIC_STATES``): the listed ones, and withdrawn
        ones (still citable)."""
        return self.filter(status__in=PUBLIC_STATES)

    def drawing_on(self, country_code: str):
        """Findings that draw on this country (an ISO 3166-1 alpha-2 code)."""
        # Stored as "ES,FR": two-letter codes between commas, so a code only matches itself.
        return self.filter(countries__contains=country_code)

    def for_consortia(self, consortia):
        return self.filter(consortium__in=consortia)


class ReviewQuerySet(models.QuerySet):
    def released(self):
        """The steps the members may read: every one but a decision a curator keeps
        pending."""
        return self.filter(released_at__isnull=False)

    def pending(self):
        return self.filter(released_at__isnull=True)
