from django.db import models


class ConsortiumQuerySet(models.QuerySet):
    def with_organisations(self):
        """Prefetch memberships and their organisations (lead and partners)."""
        return self.prefetch_related("memberships__organisation")
