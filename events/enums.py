from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    TBA = "tba", _("To be announced")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening remarks")
    PANEL = "panel", _("Panel")
    BREAKOUTS = "breakouts", _("Breakout discussions")
    CLOSING = "closing", _("Closing remarks")
    OTHER = "other", _("Other")


class ContributionKind(models.TextChoices):
    REMARKS = "remarks", _("Remarks")
    PRESENTATION = "presentation", _("Presentation")


class ScheduleStatus(models.TextChoices):
    """Whether an event takes place when its page says: separate from its publication."""

    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    CANCELLED = "cancelled", _("Cancelled")


class ScheduleChangeKind(models.TextChoices):
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    CANCELLED = "cancelled", _("Cancelled")
