from django.conf import settings
from django.db import models
from django.db.models import Q
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
        message="The end date cannot be before the start date.",
    )


class Programme(models.Model):
    """A funded programme that runs several peer-learning partnerships."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=80, unique=True)
    funder = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True, help_text="One paragraph, shown on the home page.")
    description = models.TextField(blank=True, help_text="Markdown.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [dates_in_order("programme_end_after_start")]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=80, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    country = CountryField(blank=True, db_index=True, help_text="Where it is based.")
    kind = models.CharField(
        max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return object_url("consortia:organisation_detail", self.slug)


class Person(models.Model):
    given_name = models.CharField(max_length=120)
    family_name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    honorific = models.CharField(max_length=20, blank=True, help_text="Ms, Mr, Dr …")
    position = models.CharField(
        max_length=255, blank=True, help_text="Job title, e.g. Head of Division."
    )
    affiliation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(blank=True, help_text="Private: never shown on the public site.")

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
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
        Programme, on_delete=models.PROTECT, related_name="consortia", null=True, blank=True
    )
    short_name = models.CharField(max_length=80, unique=True)
    title = models.CharField(max_length=255, help_text="The partnership's full title.")
    slug = models.SlugField(max_length=80, unique=True)
    topic = models.TextField(help_text="What the partnership studied, in a few sentences.")
    description = models.TextField(blank=True, help_text="Markdown.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    website = models.URLField(blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="Membership", related_name="consortia"
    )

    objects = ConsortiumQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        verbose_name_plural = "consortia"
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

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        max_length=10, choices=MembershipRole.choices, default=MembershipRole.PARTNER
    )

    class Meta:
        ordering = ["consortium", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organisation"],
                name="membership_unique_organisation",
                violation_error_message="This organisation is already in the consortium.",
            ),
            models.UniqueConstraint(
                fields=["consortium"],
                condition=Q(role=MembershipRole.LEAD),
                name="membership_one_lead",
                violation_error_message="A consortium has exactly one lead organisation.",
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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consortium_accesses"
    )
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="accesses")
    role = models.CharField(max_length=12, choices=AccessRole.choices, default=AccessRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consortium", "user__username"]
        verbose_name = "member account"
        verbose_name_plural = "member accounts"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "consortium"],
                name="access_unique_user_consortium",
                violation_error_message="This account already acts for the consortium.",
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.consortium}"


# Personal API tokens and erasure requests live in their own modules; imported here so Django
# registers the models.
from .erasure import ErasureRequest  # noqa: E402, F401
from .tokens import ApiToken  # noqa: E402, F401
