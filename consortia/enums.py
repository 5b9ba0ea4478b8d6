from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    NETWORK = "network", _("SSE network or federation")
    ENTERPRISE = "enterprise", _("Social enterprise or SSE organisation")
    CITY = "city", _("City or local government")
    GOVERNMENT = "government", _("National government or public agency")
    INTERNATIONAL = "international", _("International organisation")
    FOUNDATION = "foundation", _("Foundation")
    INVESTOR = "investor", _("Impact investor")
    RESEARCH = "research", _("University or research centre")
    ENABLER = "enabler", _("Enabler, hub or intermediary")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    LEAD = "lead", pgettext_lazy("the organisation that leads a consortium", "Lead")
    PARTNER = "partner", _("Partner")


class AccessRole(models.TextChoices):
    MEMBER = "member", _("Member")
    COORDINATOR = "coordinator", _("Coordinator")
