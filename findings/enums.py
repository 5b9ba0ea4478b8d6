from django.db import models


class FindingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReviewDecision(models.TextChoices):
    SUBMIT = "submit", "Submitted"
    REQUEST_CHANGES = "request_changes", "Changes requested"
    PUBLISH = "publish", "Published"
    REJECT = "reject", "Rejected"
    WITHDRAW = "withdraw", "Withdrawn"


class ThemeKind(models.TextChoices):
    EVENT = "event", "Event theme"
    TOPIC = "topic", "Topic theme"


class ContentLanguage(models.TextChoices):
    """The languages a finding may be written in, each named in itself (as the language
    switcher names them): the same codes as settings.LANGUAGES."""

    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    SPANISH = "es", "Español"
