"""The event's schedule in the admin: its history, and the one form that changes it.

Postponing, rescheduling and cancelling go through events.scheduling, never through the
event's own form: a published event's dates are read-only there, so that every move is kept
in the history that the page, the calendars and the feeds tell."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from . import scheduling
from .enums import ScheduleChangeKind
from .models import Event, EventScheduleChange
from .permissions import can_change_event_schedule

DONE = {
    ScheduleChangeKind.POSTPONED: _(
        "The event is postponed: its page, calendars and feeds say so until it is rescheduled."
    ),
    ScheduleChangeKind.RESCHEDULED: _(
        "The event is rescheduled: its page, calendars and feeds show the new dates."
    ),
    ScheduleChangeKind.CANCELLED: _(
        "The event is cancelled: its page, calendars and feeds say so."
    ),
}


class EventScheduleChangeInline(TranslationTabularInline):
    """The history, oldest first. Only the day announced and the reason can be corrected (and
    the reason translated); the dates are what the service recorded."""

    model = EventScheduleChange
    extra = 0
    can_delete = False
    fields = [
        "kind",
        "changed_on",
        "previous_starts_at",
        "previous_ends_at",
        "new_starts_at",
        "new_ends_at",
        "reason",
        "recorded_at",
        "recorded_by",
    ]
    readonly_fields = [
        "kind",
        "previous_starts_at",
        "previous_ends_at",
        "new_starts_at",
        "new_ends_at",
        "recorded_at",
        "recorded_by",
    ]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return can_change_event_schedule(request.user)


class ScheduleChangeForm(forms.Form):
    """Wall-clock times in the event's own zone (the view activates it, as the event's form
    does; events.admin.EventZoneMixin)."""

    kind = forms.ChoiceField(
        choices=ScheduleChangeKind.choices, widget=forms.RadioSelect, label=_("Change")
    )
    starts_at = forms.SplitDateTimeField(
        required=False, label=_("New start"), help_text=_("Only when rescheduling.")
    )
    ends_at = forms.SplitDateTimeField(required=False, label=_("New end"))
    changed_on = forms.DateField(
        required=False,
        label=_("Changed on"),
        help_text=_("The day the change was announced; leave empty if it is not known."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Public reason (English)"),
        help_text=_(
            "Shown with the change. Translations are added in the event's schedule history."
        ),
    )

    def __init__(self, *args, event: Event, **kwargs):
        # Imported here: events.admin imports this module.
        from .admin import EventClockWidget

        super().__init__(*args, **kwargs)
        self.event = event
        for name in ("starts_at", "ends_at"):
            self.fields[name].widget = EventClockWidget()

    def clean(self):
        data = super().clean()
        if data.get("kind") == ScheduleChangeKind.RESCHEDULED:
            for name in ("starts_at", "ends_at"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Rescheduling needs the new dates."))
        return data

    def save(self, *, by) -> EventScheduleChange:
        """Make the change through events.scheduling; its refusals become form errors."""
        data = self.cleaned_data
        common = {"changed_on": data["changed_on"], "reason": data["reason"], "by": by}
        try:
            if data["kind"] == ScheduleChangeKind.RESCHEDULED:
                return scheduling.reschedule(
                    self.event, starts_at=data["starts_at"], ends_at=data["ends_at"], **common
                )
            if data["kind"] == ScheduleChangeKind.POSTPONED:
                return scheduling.postpone(self.event, **common)
            return scheduling.cancel(self.event, **common)
        except scheduling.ScheduleChangeRefused as refusal:
            self.add_error(None, refusal)
            return None


class EventScheduleAdminMixin:
    """Adds ``<event>/schedule/`` to the events' admin, for curators only."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/schedule/",
                self.admin_site.admin_view(self.schedule_view),
                name="events_event_schedule",
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "schedule_status"]
        if obj is not None and obj.status == "published":
            readonly += ["starts_at", "ends_at"]
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {
            "can_change_schedule": can_change_event_schedule(request.user),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def schedule_view(self, request, object_id):
        if not can_change_event_schedule(request.user):
            raise PermissionDenied
        if not object_id.isdigit():
            raise Http404("No event with this number.")
        event = get_object_or_404(Event, pk=object_id)
        with timezone.override(event.zone):
            form = ScheduleChangeForm(
                request.POST or None,
                event=event,
                initial={"changed_on": timezone.localdate()},
            )
            if request.method == "POST" and form.is_valid():
                change = form.save(by=request.user)
                if change is not None:
                    self.message_user(request, DONE[change.kind], messages.SUCCESS)
                    return redirect(reverse("admin:events_event_change", args=[event.pk]))
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Change the schedule of “%(title)s”") % {"title": event.title},
                "event": event,
                "form": form,
            }
            return TemplateResponse(request, "admin/events/event/schedule.html", context).render()
