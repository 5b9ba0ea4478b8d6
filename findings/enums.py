from django.db import models
from django.utils.translation import gettext_lazy as _


class FindingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGNOFF = "awaiting_signoff", _("Awaiting the coordinator's sign-off")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewDecision(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    APPROVE = "approve", _("Signed off by the coordinator")
    SEND_BACK = "send_back", _("Sent back by the coordinator")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    PUBLISH = "publish", _("Published")
    REJECT = "reject", _("Rejected")
    WITHDRAW = "withdraw", _("Withdrawn")


class ThemeKind(models.TextChoices):
    EVENT = "event", _("Event theme")
    TOPIC = "topic", _("Topic theme")


class ContentLanguage(models.TextChoices):
    """The languages a finding may be written in, each named in itself (as the language
    switcher names them): the same codes as settings.LANGUAGES."""

    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    SPANISH = "es", "Español"
