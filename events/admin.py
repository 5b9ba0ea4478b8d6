import datetime as dt
import zoneinfo

from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from findings.admin import FindingAdmin
from findings.models import Finding
from plp_portal.admin_translations import MissingTranslationFilter, TranslatedContentAdmin

from .admin_schedule import EventScheduleAdminMixin, EventScheduleChangeInline
from .models import Breakout, Contribution, Event, KeyPoint, OutputLaunch, Session


class EventZoneMixin:
    """Show and read an existing event's times in the event's own zone, not the server's."""

    event_lookup = "pk"  # how to find the event from this admin's object id

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        event = (
            Event.objects.filter(**{self.event_lookup: object_id}).first() if object_id else None
        )
        if event is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(event.zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Template responses render lazily: render while the event's zone is active.
            return response.render() if hasattr(response, "render") else response


class EventClockWidget(forms.SplitDateTimeWidget):
    """A day and a clock time in the browser's own date and time boxes.

    The admin's widgets would add, under every one of them, a note that the browser's clock
    differs from the server's: here times are the event's own, which the form says once."""

    template_name = "admin/widgets/split_datetime.html"

    def __init__(self, attrs=None):
        super().__init__(
            date_attrs={"type": "date"},
            time_attrs={"type": "time"},
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["date_label"] = _("Date:")
        context["time_label"] = _("Time:")
        return context


EVENT_CLOCK_FIELDS = {
    models.DateTimeField: {"form_class": forms.SplitDateTimeField, "widget": EventClockWidget}
}


class EventAdminForm(forms.ModelForm):
    """Reads the start and end as wall-clock times in the zone chosen on the form itself."""

    time_zone = forms.ChoiceField(
        choices=[(name, name) for name in sorted(zoneinfo.available_timezones())],
        initial="Europe/Paris",
        label=_("Time zone"),
        help_text=Event._meta.get_field("time_zone").help_text,
    )

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        if zone_name and "time_zone" not in self.errors:
            for name in ("starts_at", "ends_at"):
                if data.get(name):
                    data[name] = as_wall_clock_in(data[name], zoneinfo.ZoneInfo(zone_name))
        return data


def as_wall_clock_in(value: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    # The form parsed the text in the active zone; keep the same clock reading in `zone`.
    wall_clock = value.astimezone(timezone.get_current_timezone()).replace(tzinfo=None)
    return wall_clock.replace(tzinfo=zone)


class SessionInline(admin.StackedInline):
    """Stacked, so that a session's fields fit the window at any width."""

    model = Session
    extra = 0
    fields = [("position", "kind"), "title", ("starts_at", "ends_at"), "moderator"]
    autocomplete_fields = ["moderator"]
    show_change_link = True
    formfield_overrides = EVENT_CLOCK_FIELDS
    verbose_name_plural = _("sessions (times as the clocks of the event's time zone showed them)")


@admin.register(Event)
class EventAdmin(EventScheduleAdminMixin, EventZoneMixin, TranslatedContentAdmin):
    form = EventAdminForm
    change_form_template = "admin/events/event/change_form.html"
    list_display = [
        "title",
        "starts_at",
        "time_zone",
        "format",
        "status",
        "schedule_status",
        "missing_translations",
    ]
    list_filter = ["status", "schedule_status", "format", "programme", MissingTranslationFilter]
    search_fields = ["title", "summary", "venue"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["themes"]
    formfield_overrides = EVENT_CLOCK_FIELDS

    def get_inlines(self, request, obj):
        # A new event has no schedule history yet.
        return [SessionInline] + ([EventScheduleChangeInline] if obj is not None else [])

    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "status"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "time_zone",
                    "schedule_status",
                    "has_programme",
                    "format",
                    "venue",
                ],
                "description": _(
                    "Enter times as clocks showed them in the event's time zone. Once the "
                    "event is published, its dates change through “Change the schedule”, "
                    "which keeps the history that its page, calendars and feeds show."
                ),
            },
        ),
        (_("About"), {"fields": ["summary", "description", "themes"]}),
        (_("Figures"), {"fields": ["participant_count", "contributor_count"]}),
        (
            _("Report"),
            {
                "fields": ["report_introduction", "report_conclusions"],
                "description": _(
                    "The report of a past event is written from its programme; these texts "
                    "open and close it."
                ),
            },
        ),
    ]


class ContributionInline(admin.StackedInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ["person", "consortium", "findings"]
    fields = [("position", "kind"), ("person", "consortium"), "title", "summary", "findings"]


class BreakoutInline(admin.StackedInline):
    model = Breakout
    extra = 0
    autocomplete_fields = ["theme", "rapporteur", "participants", "findings"]
    fields = [("position", "title"), ("theme", "rapporteur"), "summary", "participants", "findings"]
    show_change_link = True


@admin.register(Session)
class SessionAdmin(EventZoneMixin, TranslatedContentAdmin):
    event_lookup = "sessions__pk"
    list_display = [
        "title",
        "event",
        "position",
        "kind",
        "starts_at",
        "moderator",
        "missing_translations",
    ]
    list_select_related = ["event", "moderator"]
    list_filter = ["kind", "event", MissingTranslationFilter]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event", "moderator"]
    inlines = [ContributionInline, BreakoutInline]
    formfield_overrides = EVENT_CLOCK_FIELDS


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "consortium", "session", "position"]
    list_select_related = ["person", "consortium", "session__event"]
    list_filter = ["kind", "consortium", "session__event"]
    search_fields = ["title", "person__family_name", "consortium__short_name"]
    autocomplete_fields = ["session", "person", "consortium", "findings"]


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    extra = 1
    autocomplete_fields = ["findings", "themes"]


@admin.register(Breakout)
class BreakoutAdmin(TranslatedContentAdmin):
    list_display = ["title", "theme", "rapporteur", "session", "position", "missing_translations"]
    list_select_related = ["theme", "rapporteur", "session__event"]
    list_filter = ["theme", "session__event", MissingTranslationFilter]
    search_fields = ["title", "theme__name", "rapporteur__family_name"]
    autocomplete_fields = ["session", "theme", "rapporteur", "participants", "findings"]
    inlines = [KeyPointInline]


@admin.register(KeyPoint)
class KeyPointAdmin(TranslatedContentAdmin):
    list_display = ["__str__", "breakout", "position", "missing_translations"]
    list_select_related = ["breakout"]
    list_filter = ["breakout__session__event", "breakout", MissingTranslationFilter]
    search_fields = ["text", "breakout__title"]
    autocomplete_fields = ["breakout", "findings", "themes"]


class FindingWithEventsAdmin(FindingAdmin):
    """The findings' admin, plus a filter by the event a finding was presented at: findings
    cannot name events' relations, so events extends findings' admin and registers it again."""

    list_filter = [
        *FindingAdmin.list_filter,
        ("contributions__session__event", admin.RelatedOnlyFieldListFilter),
    ]


admin.site.unregister(Finding)
admin.site.register(Finding, FindingWithEventsAdmin)


@admin.register(OutputLaunch)
class OutputLaunchAdmin(admin.ModelAdmin):
    """Where an output was launched (shown on the output's page)."""

    list_display = ["output", "event", "session"]
    list_select_related = ["output", "event", "session"]
    search_fields = ["output__title", "event__title"]
    autocomplete_fields = ["output", "event", "session"]
