from django.db import models
from django.utils.translation import gettext_lazy as _


class ReactionKind(models.TextChoices):
    ENDORSED = "endorsed", _("Endorses it")
    APPLIED = "applied", _("Has applied it")
    OTHERWISE = "otherwise", _("Found otherwise")


class ReactionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


#: States in which a reaction blocks another of the same organisation, finding and kind.
OPEN_STATES = frozenset({ReactionStatus.SUBMITTED, ReactionStatus.PUBLISHED})


class UptakeKind(models.TextChoices):
    NATIONAL_STRATEGY = "national_strategy", _("National strategy")
    REGIONAL_STRATEGY = "regional_strategy", _("Regional strategy")
    EU_ACTION_PLAN = "eu_action_plan", _("EU action plan")
    OECD_RECOMMENDATION = "oecd_recommendation", _("OECD recommendation")
    LAW = "law", _("Law")
    OTHER = "other", _("Other")
