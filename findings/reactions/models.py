"""A reaction of an organisation to another consortium's finding, and a policy output that
findings fed (``PolicyUptake``). Imported by ``findings.models`` so Django registers them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from consortia.models import Organisation
from plp_portal.content_signals import object_tag

from .enums import OPEN_STATES, ReactionKind, ReactionStatus, UptakeKind


class ReactionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReactionStatus.PUBLISHED)

    def open(self):
        return self.filter(status__in=OPEN_STATES)


class Reaction(models.Model):
    """An organisation endorses a finding, has applied it (where), or found otherwise (with
    the evidence). Written by a member, published or rejected by a curator."""

    finding = models.ForeignKey(
        "findings.Finding",
        on_delete=models.CASCADE,
        related_name="reactions",
        verbose_name=_("finding"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="finding_reactions",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(max_length=10, choices=ReactionKind.choices, verbose_name=_("kind"))
    country = CountryField(
        blank=True, help_text=_("Where it was applied."), verbose_name=_("country")
    )
    place = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The city, region or programme where it was applied."),
        verbose_name=_("place"),
    )
    note = models.TextField(max_length=2000, blank=True, verbose_name=_("note"))
    evidence = models.TextField(
        max_length=4000,
        blank=True,
        help_text=_("What your organisation found, and what it rests on."),
        verbose_name=_("evidence"),
    )
    status = models.CharField(
        max_length=10,
        choices=ReactionStatus.choices,
        default=ReactionStatus.SUBMITTED,
        verbose_name=_("status"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="finding_reactions",
        verbose_name=_("author"),
    )
    curator_comment = models.TextField(blank=True, verbose_name=_("curator's comment"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    decided_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("decided at")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = ReactionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reaction to a finding")
        verbose_name_plural = _("reactions to findings")
        ordering = ["finding", "kind", "created_at", "id"]
        indexes = [
            models.Index(fields=["finding", "status", "kind"], name="reaction_finding_status"),
            # The contested filter: findings with a published "found otherwise".
            models.Index(
                fields=["finding"],
                condition=Q(kind=ReactionKind.OTHERWISE, status=ReactionStatus.PUBLISHED),
                name="reaction_contested",
            ),
            models.Index(fields=["status", "created_at"], name="reaction_queue"),
        ]
        constraints = [
            # One open reaction per organisation, finding and kind (the service says it first,
            # in words; this holds against races).
            models.UniqueConstraint(
                fields=["finding", "organisation", "kind"],
                condition=Q(status__in=sorted(OPEN_STATES)),
                name="reaction_one_open",
                violation_error_message=_(
                    "Your organisation has already recorded this reaction to this finding."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=ReactionKind.OTHERWISE) | ~Q(evidence=""),
                name="reaction_otherwise_has_evidence",
                violation_error_message=_("Say what your organisation found: the evidence."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_kind_display()}: {self.finding}"

    def content_tags(self) -> set[str]:
        return {object_tag(self.finding._meta.model, self.finding_id)}

    @property
    def is_published(self) -> bool:
        return self.status == ReactionStatus.PUBLISHED


class SubmittedReaction(Reaction):
    """The curators' queue in the admin: reactions waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = _("submitted reaction (review queue)")
        verbose_name_plural = _("review queue: submitted reactions")


class PolicyUptakeQuerySet(models.QuerySet):
    def public(self):
        """Uptakes linked to at least one listed finding."""
        from findings.models import Finding

        return self.filter(pk__in=Finding.objects.published().values("policy_uptakes"))


class PolicyUptake(models.Model):
    """A policy output that findings fed (a strategy, an action plan, a law), recorded by
    curators. Public when any finding it names is published; only those findings are shown."""

    title = models.CharField(max_length=255, verbose_name=_("title"))
    kind = models.CharField(
        max_length=20, choices=UptakeKind.choices, default=UptakeKind.OTHER, verbose_name=_("kind")
    )
    issuer = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Who adopted it, e.g. the European Commission."),
        verbose_name=_("issuer"),
    )
    country = CountryField(blank=True, verbose_name=_("country"))
    url = models.URLField(max_length=500, blank=True, verbose_name=_("link"))
    date = models.DateField(null=True, blank=True, verbose_name=_("date"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    findings = models.ManyToManyField(
        "findings.Finding", related_name="policy_uptakes", verbose_name=_("findings")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = PolicyUptakeQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy uptake")
        verbose_name_plural = _("policy uptakes")
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title
