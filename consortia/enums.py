from django.db import models


class OrganisationKind(models.TextChoices):
    NETWORK = "network", "SSE network or federation"
    ENTERPRISE = "enterprise", "Social enterprise or SSE organisation"
    CITY = "city", "City or local government"
    GOVERNMENT = "government", "National government or public agency"
    INTERNATIONAL = "international", "International organisation"
    FOUNDATION = "foundation", "Foundation"
    INVESTOR = "investor", "Impact investor"
    RESEARCH = "research", "University or research centre"
    ENABLER = "enabler", "Enabler, hub or intermediary"
    OTHER = "other", "Other"


class MembershipRole(models.TextChoices):
    LEAD = "lead", "Lead"
    PARTNER = "partner", "Partner"


class AccessRole(models.TextChoices):
    MEMBER = "member", "Member"
    COORDINATOR = "coordinator", "Coordinator"
