from django.db import models

from .workflow import LISTED_STATES, PUBLIC_STATES


class FindingQuerySet(models.QuerySet):
    def published(self):
        """Findings that appear in lists, facets, search and programmes (``LISTED_STATES``)."""
        return self.filter(status__in=LISTED_STATES)

    def public(self):
        """Findings whose page answers (``PUBLIC_STATES``): the listed ones, and withdrawn
        ones (still citable)."""
        return self.filter(status__in=PUBLIC_STATES)

    def for_consortia(self, consortia):
        return self.filter(consortium__in=consortia)
