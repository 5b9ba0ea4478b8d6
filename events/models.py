import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.constraints import ends_after_start
from consortia.models import Consortium, Person, Programme
from findings.models import Finding, Theme
from plp_portal.object_urls import object_url

from .enums import ContributionKind, EventFormat, EventStatus, SessionKind
from .querysets import EventQuerySet


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not an IANA time zone name such as Europe/Paris."),
            params={"value": value},
        )


def end_after_start(name: str, *, optional: bool = False) -> models.CheckConstraint:
    return ends_after_start(
        name=name,
        start="starts_at",
        end="ends_at",
        optional=optional,
        message=_("The end cannot be before the start."),
    )


def unique_position(model: str, *, parent: str, message: str) -> models.UniqueConstraint:
    """Items ordered within a parent: no two share a place."""
    return models.UniqueConstraint(
        fields=[parent, "position"],
        name=f"{model}_unique_position",
        violation_error_message=message,
    )


class Event(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name=_("programme"),
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    starts_at = models.DateTimeField(verbose_name=_("starts at"))
    ends_at = models.DateTimeField(verbose_name=_("ends at"))
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        default="Europe/Paris",
        help_text=_("The zone the programme is shown in; offsets are computed from it."),
        verbose_name=_("time zone"),
    )
    has_programme = models.BooleanField(
        default=True,
        help_text=_("Untick while only the dates are known: the page then shows whole days."),
        verbose_name=_("has programme"),
    )
    format = models.CharField(max_length=10, choices=EventFormat.choices, verbose_name=_("format"))
    venue = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Place, or online platform."),
        verbose_name=_("venue"),
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    description = models.TextField(
        blank=True, help_text=_("Markdown."), verbose_name=_("description")
    )
    schedule_note = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Shown next to the dates, e.g. when an event has been rescheduled."),
        verbose_name=_("schedule note"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("themes")
    )
    report_introduction = models.TextField(
        blank=True,
        help_text=_(
            "Opens the event's report, before the parts written from the programme. Plain "
            "text; a blank line starts a new paragraph."
        ),
        verbose_name=_("report introduction"),
    )
    report_conclusions = models.TextField(
        blank=True,
        help_text=_(
            "Closes the event's report, after the next milestones. Plain text; a blank line "
            "starts a new paragraph."
        ),
        verbose_name=_("report conclusions"),
    )
    participant_count = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("participant count")
    )
    contributor_count = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("contributor count")
    )
    status = models.CharField(
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.DRAFT,
        verbose_name=_("status"),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [end_after_start("event_end_after_start")]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_start")]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return object_url("events:event_detail", self.slug)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def has_ended(self) -> bool:
        """Pages that say so declare ``changes_at=next_event_end`` (plp_portal.page_tags)."""
        return self.ends_at < timezone.now()

    @property
    def offers_calendar(self) -> bool:
        """A calendar entry only for dates that stand: a schedule note says they were changed
        or are not confirmed, and an entry would copy dates the page itself doubts."""
        return not self.schedule_note


class Session(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(
        help_text=_("Order in the programme."), verbose_name=_("position")
    )
    kind = models.CharField(max_length=10, choices=SessionKind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=255, verbose_name=_("title"))
    starts_at = models.DateTimeField(null=True, blank=True, verbose_name=_("starts at"))
    ends_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ends at"))
    moderator = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moderated_sessions",
        verbose_name=_("moderator"),
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "position"]
        constraints = [
            unique_position(
                "session",
                parent="event",
                message=_("Another session already has this place in the event."),
            ),
            end_after_start("session_end_after_start", optional=True),
        ]

    def __str__(self):
        return f"{self.event.title}: {self.title}"

    def clean(self):
        if not self.event_id or not self.starts_at:
            return
        if self.starts_at < self.event.starts_at or (
            self.ends_at and self.ends_at > self.event.ends_at
        ):
            raise ValidationError("A session must take place within its event's times.")


class Contribution(models.Model):
    """A person speaking in a session: remarks, or a consortium's presentation."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("person")
    )
    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        help_text=_("The consortium presented, if any."),
        verbose_name=_("consortium"),
    )
    kind = models.CharField(
        max_length=12,
        choices=ContributionKind.choices,
        default=ContributionKind.PRESENTATION,
        verbose_name=_("kind"),
    )
    title = models.CharField(max_length=255, blank=True, verbose_name=_("title"))
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    findings = models.ManyToManyField(
        Finding,
        blank=True,
        related_name="contributions",
        help_text=_("The findings presented."),
        verbose_name=_("findings"),
    )

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["session", "position"]
        constraints = [
            unique_position(
                "contribution",
                parent="session",
                message=_("Another contribution already has this place."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.title or self.get_kind_display()}"


class Breakout(models.Model):
    """A parallel discussion on one theme inside a breakouts session."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="breakouts", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    title = models.CharField(max_length=255, verbose_name=_("title"))
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="breakouts", verbose_name=_("theme")
    )
    rapporteur = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_breakouts",
        verbose_name=_("rapporteur"),
    )
    participants = models.ManyToManyField(
        Person, blank=True, related_name="breakouts_joined", verbose_name=_("participants")
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="breakouts", verbose_name=_("findings")
    )

    class Meta:
        verbose_name = _("breakout")
        verbose_name_plural = _("breakouts")
        ordering = ["session", "position"]
        constraints = [
            unique_position(
                "breakout", parent="session", message=_("Another breakout already has this place.")
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.session_id and self.session.kind != SessionKind.BREAKOUTS:
            raise ValidationError(
                {"session": "Breakouts belong in a breakout-discussions session."}
            )


class KeyPoint(models.Model):
    """One point a rapporteur reported back from a breakout."""

    breakout = models.ForeignKey(
        Breakout, on_delete=models.CASCADE, related_name="key_points", verbose_name=_("breakout")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    text = models.TextField(verbose_name=_("text"))
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="key_points", verbose_name=_("findings")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="key_points", verbose_name=_("themes")
    )

    class Meta:
        verbose_name_plural = _("key points")
        ordering = ["breakout", "position"]
        verbose_name = _("key point")
        constraints = [
            unique_position(
                "keypoint",
                parent="breakout",
                message=_("Another key point already has this place."),
            )
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}…"
