from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .enums import EventStatus


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def with_programme(self):
        """Events whose programme is published: sessions to show, not only dates."""
        from .models import Session  # the models import this module

        return self.filter(Exists(Session.objects.filter(event=OuterRef("pk"))), has_programme=True)
