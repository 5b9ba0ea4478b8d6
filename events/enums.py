from django.db import models


class EventFormat(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"
    TBA = "tba", "To be announced"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class SessionKind(models.TextChoices):
    OPENING = "opening", "Opening remarks"
    PANEL = "panel", "Panel"
    BREAKOUTS = "breakouts", "Breakout discussions"
    CLOSING = "closing", "Closing remarks"
    OTHER = "other", "Other"


class ContributionKind(models.TextChoices):
    REMARKS = "remarks", "Remarks"
    PRESENTATION = "presentation", "Presentation"
