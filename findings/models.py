from urllib.parse import quote

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from consortia.models import Consortium
from plp_portal.content_signals import object_tag
from plp_portal.object_urls import object_url

from .enums import (
    ClaimKind,
    ContentLanguage,
    EvidenceKind,
    FindingStatus,
    GovernmentLevelCode,
    ReviewDecision,
    ThemeKind,
)
from .querysets import FindingQuerySet, ReviewQuerySet
from .states import PUBLIC_STATES

#: What lists never show: bodies in every language (findings.translation) and the vector.
UNLISTED_COLUMNS = ("body", "body_en", "body_fr", "body_es", "search_vector")


class Theme(models.Model):
    name = models.CharField(max_length=160, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    kind = models.CharField(
        max_length=10, choices=ThemeKind.choices, default=ThemeKind.TOPIC, verbose_name=_("kind")
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order in lists."), verbose_name=_("position")
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["kind", "position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("findings:theme_detail", self.slug)


class SDG(models.Model):
    """One of the 17 UN Sustainable Development Goals (reference data)."""

    number = models.PositiveSmallIntegerField(
        primary_key=True,
        validators=[MinValueValidator(1), MaxValueValidator(17)],
        verbose_name=_("number"),
    )
    short_name = models.CharField(max_length=80, unique=True, verbose_name=_("short name"))
    colour = models.CharField(
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-F]{6}$", "Use an upper-case hex colour: #E5243B.")],
        verbose_name=_("colour"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self):
        return f"SDG {self.number}: {self.short_name}"

    def get_absolute_url(self):
        return object_url("findings:sdg_detail", self.number)


#: A DOI as the DOI Handbook writes it: "10.", a registrant code, "/", a suffix. The suffix may
#: hold almost any printable character; spaces, quotes, braces, backslashes and angle brackets
#: are refused, so the DOI goes into a BibTeX field, a RIS line and a link as it is.
DOI_PATTERN = r"^10\.[0-9]{4,9}(\.[0-9]+)*/[^\s\"{}\\<>]+$"
#: What a DOI may be pasted with: its resolver's address, or the "doi:" prefix.
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
                "doi:")  # fmt: skip


def doi_url(doi: str) -> str:
    """The DOI's address at its resolver: what a reader follows and harvesters compare."""
    return "https://doi.org/" + quote(doi, safe="/")


class DOIField(models.CharField):
    """A DOI, stored bare ("10.5281/zenodo.123"): pasted as a link or with "doi:", the prefix
    is taken off before it is checked."""

    default_validators = [
        RegexValidator(
            DOI_PATTERN,
            _("Enter a DOI such as 10.5281/zenodo.1234567 (no spaces, quotes or braces)."),
        )
    ]

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        value = value.strip()
        for prefix in DOI_PREFIXES:
            if value.lower().startswith(prefix):
                return value[len(prefix) :].strip()
        return value


class Finding(models.Model):
    """What a consortium found, written by its members and published by curators."""

    consortium = models.ForeignKey(
        Consortium, on_delete=models.PROTECT, related_name="findings", verbose_name=_("consortium")
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    summary = models.TextField(
        help_text=_("Two or three sentences, plain text."), verbose_name=_("summary")
    )
    body = models.TextField(blank=True, help_text=_("Markdown."), verbose_name=_("body"))
    # The language its authors wrote it in: its text falls back to it, and the unsuffixed
    # columns hold it (plp_portal.content_language). Other languages are translations.
    language = models.CharField(
        _("original language"),
        max_length=5,
        choices=ContentLanguage.choices,
        default=ContentLanguage.ENGLISH,
        help_text=_("The language its text was written in; the others are translations."),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="findings", verbose_name=_("themes")
    )
    sdgs = models.ManyToManyField(SDG, blank=True, related_name="findings", verbose_name=_("SDGs"))
    countries = CountryField(
        multiple=True,
        blank=True,
        help_text=_("Countries it draws on."),
        verbose_name=_("countries"),
    )
    # The consortium's published reports, white papers, datasets … it rests on.
    outputs = models.ManyToManyField(
        "findings.Output",
        blank=True,
        related_name="findings",
        verbose_name=_("outputs"),
        help_text=_("The outputs (reports, white papers, datasets …) this finding rests on."),
    )
    # What kind of claim it makes, and what it concerns (findings.claims): blank and empty
    # for findings written before these were asked.
    kind = models.CharField(
        _("kind of claim"),
        max_length=20,
        choices=ClaimKind.choices,
        blank=True,
        help_text=_("An observation, a lesson learned or a recommendation."),
    )
    levers = models.ManyToManyField(
        "PolicyLever",
        blank=True,
        related_name="findings",
        verbose_name=_("policy levers"),
        help_text=_("The policy levers it concerns."),
    )
    levels = models.ManyToManyField(
        "GovernmentLevel",
        blank=True,
        related_name="findings",
        verbose_name=_("levels of government"),
        help_text=_("The levels of government it addresses."),
    )
    sdg_targets = models.ManyToManyField(
        "SDGTarget",
        blank=True,
        related_name="findings",
        verbose_name=_("SDG targets"),
        help_text=_("Its SDGs include the goals of these targets."),
    )
    status = models.CharField(
        max_length=20,
        choices=FindingStatus.choices,
        default=FindingStatus.DRAFT,
        verbose_name=_("status"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_findings",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("published at")
    )
    doi = DOIField(
        _("DOI"),
        max_length=255,
        blank=True,
        help_text=_(
            "The finding's Digital Object Identifier, if one has been registered for it, without "
            "https://doi.org/ (e.g. 10.5281/zenodo.1234567). Citations give it."
        ),
    )
    # Bumped on every save; an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    # Weighted title > summary > body; PostgreSQL keeps it current with a trigger (migration
    # 0004); on SQLite it stays empty and search falls back to matching words.
    search_vector = SearchVectorField(null=True, editable=False, verbose_name=_("search vector"))

    history = HistoricalRecords(
        excluded_fields=["updated_at", "search_vector"],
        m2m_fields=["themes", "sdgs", "levers", "levels", "sdg_targets"],
    )
    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-published_at", "title"]
        indexes = [
            # Covering indexes, one per order of the public lists, led by the status they
            # filter on (PostgreSQL): a deep page reads its ids from the index alone, in order,
            # then only its own rows (findings.pagination).
            models.Index(
                fields=["status", "-published_at", "title"],
                include=["id"],
                name="finding_listed_newest",
            ),
            models.Index(
                fields=["status", "published_at", "title"],
                include=["id"],
                name="finding_listed_oldest",
            ),
            models.Index(fields=["status", "title"], include=["id"], name="finding_listed_title"),
            # Lists of every state (curators', members'): the same order without the status.
            models.Index(
                fields=["-published_at", "title"],
                include=["id", "status"],
                name="finding_newest_covering",
            ),
            models.Index(fields=["consortium", "status"], name="finding_consortium_status"),
            models.Index(fields=["-updated_at"], name="finding_updated"),
        ]
        constraints = [
            # One DOI names one thing.
            models.UniqueConstraint(
                fields=["doi"],
                condition=~models.Q(doi=""),
                name="finding_doi_unique",
                violation_error_message=_("Another finding already has this DOI."),
            ),
        ]
        permissions = [("review_finding", "Can review, publish, reject and withdraw findings")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("findings:finding_detail", self.slug)

    def content_tags(self) -> set[str]:
        """Pages of its consortium show it too (see plp_portal.content_signals)."""
        return {object_tag(Consortium, self.consortium_id)}

    @property
    def is_public(self) -> bool:
        """Has a public page, citable (see ``findings.workflow``)."""
        return self.status in PUBLIC_STATES


class SubmittedFinding(Finding):
    """The curators' review queue in the admin: findings waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = _("submitted finding (review queue)")
        verbose_name_plural = _("review queue: submitted findings")


class PendingDecision(Finding):
    """Findings whose decision a curator keeps pending, to release when staff choose."""

    class Meta:
        proxy = True
        verbose_name = _("pending decision")
        verbose_name_plural = _("pending decisions (not yet released)")


class Source(models.Model):
    """A document or page a finding rests on."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="sources", verbose_name=_("finding")
    )
    label = models.CharField(max_length=255, verbose_name=_("label"))
    url = models.URLField(max_length=500, verbose_name=_("url"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["finding", "position", "id"]

    def __str__(self):
        return self.label

    def content_tags(self) -> set[str]:
        return {object_tag(Finding, self.finding_id)}


class Review(models.Model):
    """One decision in a finding's life: who decided what, why, and when."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("finding")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reviews",
        verbose_name=_("reviewer"),
    )
    decision = models.CharField(
        max_length=20, choices=ReviewDecision.choices, verbose_name=_("decision")
    )
    comment = models.TextField(blank=True, verbose_name=_("comment"))
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )
    # Empty while a curator keeps the decision pending: nobody but the curators sees it,
    # and the finding's status changes only when it is released (findings.services).
    released_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("released at"), help_text=_("Empty: pending.")
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["finding", "created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(released_at__isnull=True),
                name="review_pending",
            )
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.finding} ({self.created_at:%Y-%m-%d})"

    @property
    def is_pending(self) -> bool:
        return self.released_at is None


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    # Grouped by finding; Django's storage strips directories and makes names unique.
    return f"findings/{instance.finding_id}/{filename}"


class Attachment(models.Model):
    """A file (PDF or office document) that goes with a finding."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("finding")
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    file = models.FileField(upload_to=attachment_upload_to, max_length=255, verbose_name=_("file"))
    content_type = models.CharField(max_length=120, editable=False, verbose_name=_("content type"))
    size = models.PositiveBigIntegerField(
        editable=False, help_text=_("Bytes."), verbose_name=_("size")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["finding", "uploaded_at", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Downloads go through a view that checks who may see the finding, never /media/."""
        return reverse("findings:attachment_download", args=[self.finding.slug, self.pk])

    def content_tags(self) -> set[str]:
        return {object_tag(Finding, self.finding_id)}

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class SDGTarget(models.Model):
    """One of the 169 targets of the SDGs ("1.1" … "17.19", and letter targets such as "1.a"):
    reference data, loaded from findings/data/sdg_targets.csv."""

    code = models.CharField(max_length=5, primary_key=True, verbose_name=_("code"))
    goal = models.ForeignKey(
        SDG, on_delete=models.PROTECT, related_name="targets", verbose_name=_("goal")
    )
    position = models.PositiveSmallIntegerField(
        help_text=_("Order within its goal."), verbose_name=_("position")
    )
    text = models.TextField(verbose_name=_("text"))

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return _("Target %(code)s") % {"code": self.code}


class PolicyLever(models.Model):
    """A policy lever a finding may concern: a vocabulary curators keep and extend."""

    name = models.CharField(max_length=120, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order in lists."), verbose_name=_("position")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("policy lever")
        verbose_name_plural = _("policy levers")

    def __str__(self):
        return self.name


class GovernmentLevel(models.Model):
    """A level of government (local, regional, national, international): a fixed reference
    table, so findings link to it like to their SDGs and the facets filter on its codes."""

    code = models.CharField(
        max_length=20,
        primary_key=True,
        choices=GovernmentLevelCode.choices,
        verbose_name=_("code"),
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("level of government")
        verbose_name_plural = _("levels of government")

    def __str__(self):
        return str(self.get_code_display())


class Evidence(models.Model):
    """What a finding rests on, with how many where that applies ("12 case studies")."""

    #: A bound on counts the forms and the API accept (PositiveIntegerField's own range).
    MAX_COUNT = 2_147_483_647

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("finding")
    )
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices, verbose_name=_("kind"))
    count = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many (case studies, respondents…), where that applies."),
        verbose_name=_("count"),
    )
    note = models.CharField(max_length=160, blank=True, verbose_name=_("note"))

    class Meta:
        ordering = ["finding", "kind"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "kind"],
                name="evidence_one_per_kind",
                violation_error_message=_("This kind of evidence is already given."),
            ),
            models.CheckConstraint(
                condition=models.Q(count__isnull=True) | models.Q(count__gte=1),
                name="evidence_count_positive",
                violation_error_message=_("A count is at least 1."),
            ),
        ]

    def __str__(self):
        if self.count:
            return f"{self.get_kind_display()} ({self.count})"
        return str(self.get_kind_display())

    def content_tags(self) -> set[str]:
        return {object_tag(Finding, self.finding_id)}


class OrganisationMatch(models.Model):
    """Two organisations whose consortia found things about the same themes, goals or
    countries (and met at the same events): who should talk to whom.

    Computed, never edited (findings.matching): rebuilt for the organisations concerned when a
    finding is published or withdrawn, and in full by ``manage.py compute_matches``. Each
    organisation keeps its best ``matching.KEPT_PER_ORGANISATION`` (pages show fewer), so the
    table grows with the organisations, not with their pairs; its best matches are one
    indexed read."""

    organisation = models.ForeignKey(
        "consortia.Organisation",
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("organisation"),
    )
    other = models.ForeignKey(
        "consortia.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("matched organisation"),
    )
    score = models.PositiveIntegerField(verbose_name=_("score"))
    #: What they share, strongest first, per feature: {"theme": [[id, findings], …], …}.
    shared = models.JSONField(default=dict, verbose_name=_("shared features"))
    computed_at = models.DateTimeField(verbose_name=_("computed at"))

    class Meta:
        verbose_name = _("organisation match")
        verbose_name_plural = _("organisation matches")
        ordering = ["organisation", "-score", "other"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "other"], name="match_unique_pair")
        ]
        indexes = [models.Index(fields=["organisation", "-score"], name="match_best_first")]

    def __str__(self):
        return f"{self.organisation} ↔ {self.other} ({self.score})"


class ConsortiumMatchProfile(models.Model):
    """What a consortium's published findings are about, counted per matching feature:
    ``{"theme": {"12": 3, …}, "country": {"ES": 2, …}, …}`` (findings.matching).

    Stored so that publishing one finding recounts its own consortium's findings only, and
    not every finding of the programme; computed, never edited."""

    consortium = models.OneToOneField(
        "consortia.Consortium",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="match_profile",
        verbose_name=_("consortium"),
    )
    features = models.JSONField(default=dict, verbose_name=_("features"))
    computed_at = models.DateTimeField(verbose_name=_("computed at"))

    class Meta:
        verbose_name = _("consortium's matching profile")
        verbose_name_plural = _("consortia's matching profiles")

    def __str__(self):
        return str(self.consortium)


# Outputs (their own module), reactions and policy uptakes (their own package) are imported
# here so that Django registers their models with the app.
from .output_models import Output, OutputReview, SubmittedOutput  # noqa: E402, F401
from .reactions.models import PolicyUptake, Reaction, SubmittedReaction  # noqa: E402, F401
