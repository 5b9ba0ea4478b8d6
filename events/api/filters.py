"""Filters for the events endpoint."""

import django_filters
from django.utils import timezone

from consortia.api.filters import SearchFilter, StrictFilterSet
from findings.api.filters import YearFilter

from ..enums import EventFormat, ScheduleStatus
from ..models import Event

WHEN_CHOICES = [("upcoming", "Not yet over"), ("past", "Over")]


class EventFilter(StrictFilterSet):
    search = SearchFilter(fields=["title", "summary"])
    year = YearFilter(
        field_name="starts_at",
        lookup_expr="year",
        min_value=1900,
        max_value=9999,
        label="Starting in this year.",
    )
    theme = django_filters.CharFilter(
        field_name="themes__slug", distinct=True, label="Discussing this theme (slug)."
    )
    consortium = django_filters.CharFilter(
        field_name="sessions__contributions__consortium__slug",
        distinct=True,
        label="A consortium presented at it (slug).",
    )
    format = django_filters.ChoiceFilter(choices=EventFormat.choices)
    schedule_status = django_filters.ChoiceFilter(
        choices=ScheduleStatus.choices, label="Scheduled, postponed, rescheduled or cancelled."
    )
    when = django_filters.ChoiceFilter(choices=WHEN_CHOICES, method="filter_when")
    ordering = django_filters.OrderingFilter(fields=["starts_at", "title"])

    class Meta:
        model = Event
        fields = []

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        return queryset.filter(ends_at__lt=now)
