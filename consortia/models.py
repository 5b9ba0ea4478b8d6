from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from plp_portal.content_signals import object_tag
from plp_portal.object_urls import object_url

from .constraints import ends_after_start
from .enums import AccessRole, MembershipRole, OrganisationKind
from .querysets import ConsortiumQuerySet


def dates_in_order(name: str) -> models.CheckConstraint:
    return ends_after_start(
        name=name,
        start="start_date",
        end="end_date",
        optional=True,
        message=_("The end date cannot be before the start date."),
    )


class Programme(models.Model):
    """A funded programme that runs several peer-learning partnerships."""

    name = models.CharField(max_length=255, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    funder = models.CharField(max_length=255, blank=True, verbose_name=_("funder"))
    summary = models.TextField(
        blank=True, help_text=_("One paragraph, shown on the home page."), verbose_name=_("summary")
    )
    description = models.TextField(
        blank=True, help_text=_("Markdown."), verbose_name=_("description")
    )
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))
    website = models.URLField(blank=True, verbose_name=_("website"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [dates_in_order("programme_end_after_start")]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField(max_length=255, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    acronym = models.CharField(max_length=40, blank=True, verbose_name=_("acronym"))
    country = CountryField(
        blank=True, db_index=True, help_text=_("Where it is based."), verbose_name=_("country")
    )
    kind = models.CharField(
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.OTHER,
        verbose_name=_("kind"),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    description = models.TextField(blank=True, verbose_name=_("description"))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return object_url("consortia:organisation_detail", self.slug)


class Person(models.Model):
    given_name = models.CharField(max_length=120, verbose_name=_("given name"))
    family_name = models.CharField(max_length=120, verbose_name=_("family name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    honorific = models.CharField(
        max_length=20, blank=True, help_text=_("Ms, Mr, Dr …"), verbose_name=_("honorific")
    )
    position = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Job title, e.g. Head of Division."),
        verbose_name=_("position"),
    )
    affiliation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("affiliation"),
    )
    email = models.EmailField(
        blank=True, help_text=_("Private: never shown on the public site."), verbose_name=_("email")
    )

    class Meta:
        verbose_name = _("person")
        ordering = ["family_name", "given_name"]
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return object_url("consortia:person_detail", self.slug)

    @property
    def full_name(self) -> str:
        """The one way the portal prints a person's name, everywhere: as the person writes it
        ("Karen Maguire"). Agendas print family names in capitals ("Karen MAGUIRE"); beside
        names in running text that looks like two people, and capitals read as shouting."""
        return f"{self.given_name} {self.family_name}"


class Consortium(models.Model):
    """The organisations that together run one peer-learning partnership."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="consortia",
        null=True,
        blank=True,
        verbose_name=_("programme"),
    )
    short_name = models.CharField(max_length=80, unique=True, verbose_name=_("short name"))
    title = models.CharField(
        max_length=255, help_text=_("The partnership's full title."), verbose_name=_("title")
    )
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    topic = models.TextField(
        help_text=_("What the partnership studied, in a few sentences."), verbose_name=_("topic")
    )
    description = models.TextField(
        blank=True, help_text=_("Markdown."), verbose_name=_("description")
    )
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))
    website = models.URLField(blank=True, verbose_name=_("website"))
    requires_coordinator_signoff = models.BooleanField(
        default=True,
        verbose_name=_("coordinator signs off submissions"),
        help_text=_(
            "A member's submission goes to the consortium's coordinators first; they send it "
            "on to the curators or back to the members. Without a coordinator, submissions "
            "go straight to the curators."
        ),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="Membership",
        related_name="consortia",
        verbose_name=_("organisations"),
    )

    objects = ConsortiumQuerySet.as_manager()

    class Meta:
        verbose_name = _("consortium")
        ordering = ["short_name"]
        verbose_name_plural = _("consortia")
        constraints = [dates_in_order("consortium_end_after_start")]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return object_url("consortia:consortium_detail", self.slug)

    @property
    def lead_organisation(self) -> Organisation | None:
        # Reads the prefetched memberships when there are any, to keep list pages flat.
        for membership in self.memberships.all():
            if membership.role == MembershipRole.LEAD:
                return membership.organisation
        return None


class Membership(models.Model):
    """An organisation's place in a consortium: the one lead, or a partner."""

    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("consortium"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        max_length=10,
        choices=MembershipRole.choices,
        default=MembershipRole.PARTNER,
        verbose_name=_("role"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["consortium", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organisation"],
                name="membership_unique_organisation",
                violation_error_message=_("This organisation is already in the consortium."),
            ),
            models.UniqueConstraint(
                fields=["consortium"],
                condition=Q(role=MembershipRole.LEAD),
                name="membership_one_lead",
                violation_error_message=_("A consortium has exactly one lead organisation."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_role_display()} of {self.consortium}"

    def content_tags(self) -> set[str]:
        """The pages of both the consortium and the organisation show a membership."""
        return {
            object_tag(Consortium, self.consortium_id),
            object_tag(Organisation, self.organisation_id),
        }


class ConsortiumAccess(models.Model):
    """A login account's right to act for a consortium on the portal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consortium_accesses",
        verbose_name=_("user"),
    )
    consortium = models.ForeignKey(
        Consortium, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("consortium")
    )
    role = models.CharField(
        max_length=12, choices=AccessRole.choices, default=AccessRole.MEMBER, verbose_name=_("role")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["consortium", "user__username"]
        verbose_name = _("member account")
        verbose_name_plural = _("member accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "consortium"],
                name="access_unique_user_consortium",
                violation_error_message=_("This account already acts for the consortium."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.consortium}"


# Personal API tokens and erasure requests live in their own modules; imported here so Django
# registers the models.
from .erasure import ErasureRequest  # noqa: E402, F401
from .tokens import ApiToken  # noqa: E402, F401
