import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.constraints import ends_after_start
from consortia.models import Consortium, Person, Programme
from findings.models import Finding, Theme
from plp_portal.object_urls import object_url

from .enums import (
    ContributionKind,
    EventFormat,
    EventStatus,
    ScheduleChangeKind,
    ScheduleStatus,
    SessionKind,
)
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
    # Changed only through events.scheduling, which keeps the history (EventScheduleChange).
    schedule_status = models.CharField(
        max_length=12,
        choices=ScheduleStatus.choices,
        default=ScheduleStatus.SCHEDULED,
        editable=False,
        verbose_name=_("schedule"),
    )
    schedule_sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=_("How many times the schedule changed: the calendar entry's SEQUENCE."),
        verbose_name=_("schedule changes"),
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
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    # The event's own last change (a schedule change among them): feeds, sitemap, calendar.
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

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
        """A calendar entry to add only for dates that stand: not while the event is postponed
        (no dates) or once it is cancelled. The entry's address keeps answering, so a calendar
        that imported it learns of the change."""
        return self.schedule_status in (ScheduleStatus.SCHEDULED, ScheduleStatus.RESCHEDULED)

    @property
    def is_postponed(self) -> bool:
        return self.schedule_status == ScheduleStatus.POSTPONED

    @property
    def is_cancelled(self) -> bool:
        return self.schedule_status == ScheduleStatus.CANCELLED

    @property
    def is_rescheduled(self) -> bool:
        return self.schedule_status == ScheduleStatus.RESCHEDULED

    def latest_schedule_change(self):
        """The change that set the current schedule (from the prefetched history), or None."""
        if not self.schedule_sequence:
            return None
        changes = list(self.schedule_changes.all())
        return changes[-1] if changes else None


class EventScheduleChange(models.Model):
    """One change to an event's schedule, with the dates it had before and those it has after.

    Written only by events.scheduling; the event's current dates and state are on the event."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="schedule_changes",
        verbose_name=_("event"),
    )
    kind = models.CharField(
        max_length=12, choices=ScheduleChangeKind.choices, verbose_name=_("change")
    )
    previous_starts_at = models.DateTimeField(verbose_name=_("previous start"))
    previous_ends_at = models.DateTimeField(verbose_name=_("previous end"))
    new_starts_at = models.DateTimeField(null=True, blank=True, verbose_name=_("new start"))
    new_ends_at = models.DateTimeField(null=True, blank=True, verbose_name=_("new end"))
    changed_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("The day the change was announced; empty when the sources do not say."),
        verbose_name=_("changed on"),
    )
    reason = models.TextField(
        blank=True,
        help_text=_("Shown to the public with the change."),
        verbose_name=_("public reason"),
    )
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")
        ordering = ["event", "recorded_at", "pk"]
        constraints = [
            ends_after_start(
                name="schedulechange_new_end_after_start",
                start="new_starts_at",
                end="new_ends_at",
                optional=True,
                message=_("The end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind=ScheduleChangeKind.RESCHEDULED,
                    new_starts_at__isnull=False,
                    new_ends_at__isnull=False,
                )
                | (
                    ~models.Q(kind=ScheduleChangeKind.RESCHEDULED)
                    & models.Q(new_starts_at__isnull=True, new_ends_at__isnull=True)
                ),
                name="schedulechange_new_dates_only_when_rescheduled",
                violation_error_message=_("Only a rescheduling gives new dates."),
            ),
        ]

    def __str__(self):
        return f"{self.event.title}: {self.get_kind_display()}"

    def content_tags(self) -> set[str]:
        # The event's pages, feeds and calendar show its history.
        return {f"events.event:{self.event_id}"}


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


class OutputLaunch(models.Model):
    """Where an output (``findings.Output``) was launched: an event, and the session if
    known. Recorded here so findings never reads events (consortia <- findings <- events)."""

    output = models.OneToOneField(
        "findings.Output",
        on_delete=models.CASCADE,
        related_name="launch",
        verbose_name=_("output"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="output_launches", verbose_name=_("event")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="output_launches",
        verbose_name=_("session"),
    )

    class Meta:
        verbose_name = _("output launch")
        verbose_name_plural = _("output launches")
        ordering = ["event", "id"]

    def __str__(self):
        return f"{self.output} @ {self.event}"

    def clean(self):
        if self.session_id and self.session.event_id != self.event_id:
            raise ValidationError(
                {"session": _("Choose a session of the event the output was launched at.")}
            )

    def content_tags(self) -> set[str]:
        return {f"findings.output:{self.output_id}", f"events.event:{self.event_id}"}
