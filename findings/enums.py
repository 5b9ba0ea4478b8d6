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


class ClaimKind(models.TextChoices):
    """What sort of claim a finding makes."""

    OBSERVATION = "observation", _("Observation")
    LESSON_LEARNED = "lesson_learned", _("Lesson learned")
    RECOMMENDATION = "recommendation", _("Recommendation")


class GovernmentLevelCode(models.TextChoices):
    """The levels of government a finding may address (a fixed vocabulary)."""

    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class EvidenceKind(models.TextChoices):
    """What a finding rests on."""

    CASE_STUDIES = "case_studies", _("Case studies")
    SURVEY = "survey", _("Survey")
    STAKEHOLDER_CONSULTATION = "stakeholder_consultation", _("Stakeholder consultation")
    LITERATURE = "literature", _("Literature")
    DATA_ANALYSIS = "data_analysis", _("Data analysis")
