"""Outputs: what a consortium publishes (reports, white papers, toolkits, policy briefs,
datasets, recordings), each a record of its own that goes through the findings' review
(``findings.output_workflow``). Imported by ``findings.models``, so Django finds them.

An output has the fields the workflow's predicates read (``status``, ``consortium``,
``author``), so the same table and predicates decide who may move it (see
``findings.workflow``). Where it was launched is recorded by events
(``events.models.OutputLaunch``): findings never reads events.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consortia.models import Consortium, Organisation, Person
from plp_portal.content_signals import object_tag
from plp_portal.object_urls import object_url

from .attachments import CONTENT_TYPES
from .enums import ContentLanguage, FindingStatus, ReviewDecision
from .models import DOIField
from .output_enums import LICENCE_URLS, Licence, OutputType
from .states import LISTED_STATES, PUBLIC_STATES


class OutputQuerySet(models.QuerySet):
    def published(self):
        """Outputs shown in lists, facets, counts (``LISTED_STATES``, as findings)."""
        return self.filter(status__in=LISTED_STATES)

    def public(self):
        """Outputs whose page answers: published and withdrawn ones (``PUBLIC_STATES``)."""
        return self.filter(status__in=PUBLIC_STATES)


class Output(models.Model):
    """A report, white paper, toolkit, policy brief, dataset or recording a consortium
    published."""

    consortium = models.ForeignKey(
        Consortium, on_delete=models.PROTECT, related_name="outputs", verbose_name=_("consortium")
    )
    output_type = models.CharField(
        _("type"), max_length=20, choices=OutputType.choices, default=OutputType.REPORT
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    summary = models.TextField(
        blank=True, help_text=_("A few sentences, plain text."), verbose_name=_("summary")
    )
    people = models.ManyToManyField(
        Person,
        blank=True,
        related_name="outputs",
        verbose_name=_("authors (people)"),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="outputs",
        verbose_name=_("authors (organisations)"),
    )
    date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the date is not known."),
    )
    # Empty when nobody said which language it is in (a record made from a mention).
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=ContentLanguage.choices,
        default=ContentLanguage.ENGLISH,
        blank=True,
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, blank=True, default=""
    )
    url = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Where the output can be read, downloaded or watched."),
    )
    doi = DOIField(
        _("DOI"),
        max_length=255,
        blank=True,
        help_text=_(
            "The output's Digital Object Identifier, if one has been registered for it, without "
            "https://doi.org/ (e.g. 10.5281/zenodo.1234567). Citations give it."
        ),
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
        related_name="recorded_outputs",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("published at")
    )

    objects = OutputQuerySet.as_manager()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["-date", "title", "id"]
        indexes = [
            models.Index(fields=["status", "-date", "title"], name="output_listed"),
            models.Index(fields=["consortium", "status"], name="output_consortium_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"],
                condition=~models.Q(doi=""),
                name="output_doi_unique",
                violation_error_message=_("Another output already has this DOI."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("findings:output_detail", self.slug)

    def content_tags(self) -> set[str]:
        return {object_tag(Consortium, self.consortium_id)}

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATES

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


def output_file_upload_to(instance: "OutputFile", filename: str) -> str:
    # Grouped by output, as a finding's attachments are; never served from /media/.
    return f"outputs/{instance.output_id}/{filename}"


class OutputFile(models.Model):
    """A file (PDF or office document) of an output, checked and stored as a finding's
    ``Attachment`` is (``findings.attachments``)."""

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="files", verbose_name=_("output")
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    file = models.FileField(upload_to=output_file_upload_to, max_length=255, verbose_name=_("file"))
    content_type = models.CharField(max_length=120, editable=False, verbose_name=_("content type"))
    size = models.PositiveBigIntegerField(
        editable=False, help_text=_("Bytes."), verbose_name=_("size")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_output_files",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    class Meta:
        verbose_name = _("output file")
        verbose_name_plural = _("output files")
        ordering = ["output", "uploaded_at", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Downloads go through a view that checks who may see the output, never /media/."""
        return reverse("findings:output_file_download", args=[self.output.slug, self.pk])

    def content_tags(self) -> set[str]:
        return {object_tag(Output, self.output_id)}

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def kind(self) -> str:
        """The format as readers name it ("PDF", "DOCX" …), from the type its content was
        checked to be."""
        return FILE_KINDS.get(self.content_type, "")


#: "application/pdf" → "PDF" …: the formats ``findings.attachments`` accepts.
FILE_KINDS = {content_type: ext.upper() for ext, content_type in CONTENT_TYPES.items()}


class OutputReview(models.Model):
    """One decision in an output's life, as ``Review`` is for a finding (released at once:
    outputs have no pending decisions)."""

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("output")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="output_reviews",
        verbose_name=_("reviewer"),
    )
    decision = models.CharField(
        max_length=20, choices=ReviewDecision.choices, verbose_name=_("decision")
    )
    comment = models.TextField(blank=True, verbose_name=_("comment"))
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )

    class Meta:
        verbose_name = _("output review")
        verbose_name_plural = _("output reviews")
        ordering = ["output", "created_at", "id"]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.output} ({self.created_at:%Y-%m-%d})"


class SubmittedOutput(Output):
    """The curators' review queue of outputs in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("submitted output (review queue)")
        verbose_name_plural = _("review queue: submitted outputs")
