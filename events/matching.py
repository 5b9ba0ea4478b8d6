"""What events add to peer matching (findings.matching): the published events two
organisations' people both took part in, as speakers or in a breakout.

Registered from EventsConfig.ready(): findings defines the features, events adds its own
without findings importing events.
"""

from collections import Counter, defaultdict

from django.utils.translation import gettext_lazy as _

from findings.matching import Feature, register_feature
from plp_portal.content_signals import kind_tag

from .models import Breakout, Contribution, Event


def events_by_organisation() -> dict[int, Counter]:
    """{organisation id: {event id: 1}} for the published events its people took part in:
    two queries, one row per organisation and event."""
    profiles: dict[int, Counter] = defaultdict(Counter)
    published = Event.objects.published().values("pk")
    spoke = (
        Contribution.objects.filter(session__event__in=published, person__affiliation__isnull=False)
        .values_list("person__affiliation_id", "session__event_id")
        .distinct()
    )
    joined = (
        Breakout.participants.through.objects.filter(
            breakout__session__event__in=published, person__affiliation__isnull=False
        )
        .values_list("person__affiliation_id", "breakout__session__event_id")
        .distinct()
    )
    for rows in (spoke, joined):
        for organisation, event in rows:
            profiles[organisation][str(event)] = 1
    return profiles


def event_titles(keys: set[str]) -> dict[str, str]:
    # Whole events (a handful): their title in the reader's language, as pages show it.
    return {str(event.pk): event.title for event in Event.objects.published().filter(pk__in=keys)}


def register() -> None:
    register_feature(
        Feature(
            "event",
            2,
            _("Both took part in %(name)s."),
            event_titles,
            by_organisation=events_by_organisation,
            shows=(kind_tag(Event),),
        )
    )
