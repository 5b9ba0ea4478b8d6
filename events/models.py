import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from consortia.constraints import ends_after_start
from consortia.models import Consortium, Person, Programme
from findings.models import Finding, Theme
from plp_portal.object_urls import object_url

from .enums import ContributionKind, EventFormat, EventStatus, SessionKind
from .querysets import EventQuerySet


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "%(value)s is not an IANA time zone name such as Europe/Paris.",
            params={"value": value},
        )


def end_after_start(name: str, *, optional: bool = False) -> models.CheckConstraint:
    return ends_after_start(
        name=name,
        start="starts_at",
        end="ends_at",
        optional=optional,
        message="The end cannot be before the start.",
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
        Programme, on_delete=models.PROTECT, related_name="events", null=True, blank=True
    )
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=100, unique=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        default="Europe/Paris",
        help_text="The zone the programme is shown in; offsets are computed from it.",
    )
    has_programme = models.BooleanField(
        default=True,
        help_text="Untick while only the dates are known: the page then shows whole days.",
    )
    format = models.CharField(max_length=10, choices=EventFormat.choices)
    venue = models.CharField(max_length=255, blank=True, help_text="Place, or online platform.")
    summary = models.TextField(blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    schedule_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Shown next to the dates, e.g. when an event has been rescheduled.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="events")
    participant_count = models.PositiveIntegerField(null=True, blank=True)
    contributor_count = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)

    objects = EventQuerySet.as_manager()

    class Meta:
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
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    position = models.PositiveSmallIntegerField(help_text="Order in the programme.")
    kind = models.CharField(max_length=10, choices=SessionKind.choices)
    title = models.CharField(max_length=255)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    moderator = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="moderated_sessions"
    )
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            unique_position(
                "session",
                parent="event",
                message="Another session already has this place in the event.",
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

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    position = models.PositiveSmallIntegerField()
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        help_text="The consortium presented, if any.",
    )
    kind = models.CharField(
        max_length=12, choices=ContributionKind.choices, default=ContributionKind.PRESENTATION
    )
    title = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="contributions", help_text="The findings presented."
    )

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            unique_position(
                "contribution",
                parent="session",
                message="Another contribution already has this place.",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.title or self.get_kind_display()}"


class Breakout(models.Model):
    """A parallel discussion on one theme inside a breakouts session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="breakouts")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="breakouts")
    rapporteur = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="reported_breakouts"
    )
    participants = models.ManyToManyField(Person, blank=True, related_name="breakouts_joined")
    summary = models.TextField(blank=True)
    findings = models.ManyToManyField(Finding, blank=True, related_name="breakouts")

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            unique_position(
                "breakout", parent="session", message="Another breakout already has this place."
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

    breakout = models.ForeignKey(Breakout, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    findings = models.ManyToManyField(Finding, blank=True, related_name="key_points")
    themes = models.ManyToManyField(Theme, blank=True, related_name="key_points")

    class Meta:
        ordering = ["breakout", "position"]
        verbose_name = "key point"
        constraints = [
            unique_position(
                "keypoint", parent="breakout", message="Another key point already has this place."
            )
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}…"
