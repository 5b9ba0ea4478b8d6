"""Published events, and on the detail their whole programme. Drafts are 404."""

from django.db.models import Prefetch, prefetch_related_objects
from rest_framework import viewsets
from rest_framework.response import Response

from consortia.models import Consortium, Organisation, Person
from findings.models import Finding, Theme
from findings.output_models import Output
from plp_portal.api_list_items import cached_representation
from plp_portal.api_lookups import SLUG_PATTERN
from plp_portal.content_signals import kind_tag
from plp_portal.page_tags import shows

from ..models import (
    Breakout,
    Contribution,
    Event,
    EventScheduleChange,
    KeyPoint,
    OutputLaunch,
    Session,
)
from ..selectors import launched_outputs_prefetch
from .filters import EventFilter
from .serializers import EventDetailSerializer, EventSerializer


def _listed_findings(lookup: str) -> Prefetch:
    # A programme may link a finding still in review, or since withdrawn: like the event's
    # page, it lists only the listed ones (findings.workflow.LISTED_STATES).
    return Prefetch(lookup, queryset=Finding.objects.published().only("pk", "slug"))


def programme_prefetches() -> list:
    """Everything the detail shows, in a fixed number of queries however long the programme."""
    people = Person.objects.select_related("affiliation")
    return [
        Prefetch(
            "sessions",
            queryset=Session.objects.select_related("moderator__affiliation").order_by("position"),
        ),
        Prefetch(
            "sessions__contributions",
            queryset=Contribution.objects.select_related(
                "person__affiliation", "consortium"
            ).order_by("position"),
        ),
        _listed_findings("sessions__contributions__findings"),
        Prefetch(
            "sessions__breakouts",
            queryset=Breakout.objects.select_related("theme", "rapporteur__affiliation").order_by(
                "position"
            ),
        ),
        Prefetch("sessions__breakouts__participants", queryset=people),
        Prefetch("sessions__breakouts__key_points", queryset=KeyPoint.objects.order_by("position")),
        _listed_findings("sessions__breakouts__key_points__findings"),
        "sessions__breakouts__key_points__themes",
        _listed_findings("sessions__breakouts__findings"),
        # The published outputs launched at it: the event page's own read.
        launched_outputs_prefetch(),
    ]


#: What an event's detail shows: a change to any of these retires its cached representation.
PROGRAMME_KINDS = (
    Event,
    EventScheduleChange,
    Session,
    Contribution,
    Breakout,
    KeyPoint,
    Person,
    Organisation,
    Consortium,
    Finding,
    Theme,
    Output,
    OutputLaunch,
)


@shows(*PROGRAMME_KINDS)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Programme events: when, where, on what themes; the detail adds the programme."""

    filterset_class = EventFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        return Event.objects.published().prefetch_related("themes")

    def retrieve(self, request, *args, **kwargs):
        event = self.get_object()

        def build():
            # A long programme nests hundreds of people: serialised once per change, not
            # once per reader.
            prefetch_related_objects([event], *programme_prefetches())
            return self.get_serializer(event).data

        tags = [kind_tag(kind) for kind in PROGRAMME_KINDS]
        return Response(cached_representation(request, "event", event.pk, tags, build))

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer
