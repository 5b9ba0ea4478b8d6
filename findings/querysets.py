from django.db import models

from .enums import FindingStatus


class FindingQuerySet(models.QuerySet):
    def published(self):
        """Findings that appear in lists, facets and search."""
        return self.filter(status=FindingStatus.PUBLISHED)

    def public(self):
        """Findings whose page answers: published, and withdrawn ones (still citable)."""
        return self.filter(status__in=[FindingStatus.PUBLISHED, FindingStatus.WITHDRAWN])

    def for_consortia(self, consortia):
        return self.filter(consortium__in=consortia)
