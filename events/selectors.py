"""Reads for the home page, the public event pages, and the event appearances that the pages of
consortia and findings show (events.combined_views), in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Min, Prefetch, QuerySet
from django.utils import timezone

from consortia.models import Consortium, Organisation, Person, Programme
from findings.models import Finding, Theme

from .models import Breakout, Contribution, Event, KeyPoint, Session

LATEST_FINDINGS = 6


def published_events() -> QuerySet:
    return Event.objects.published()


def upcoming_events(now=None) -> QuerySet:
    return published_events().upcoming(now)


def past_events(now=None) -> QuerySet:
    return published_events().past(now)


def next_event_end(now=None):
    """When the next upcoming event ends and becomes past (pages listing events change then)."""
    return upcoming_events(now).aggregate(end=Min("ends_at"))["end"]


def event_programme(slug: str) -> Event:
    """A published event with its whole programme in order: sessions, moderators, speakers with
    their consortium and published findings, breakouts with theme, rapporteur and key points.

    Raises Event.DoesNotExist for a missing or draft event.
    """
    published_findings = Finding.objects.published().order_by("title")
    return (
        published_events()
        .select_related("programme")
        .prefetch_related(
            "themes",
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("moderator__affiliation").prefetch_related(
                    Prefetch(
                        "contributions",
                        queryset=Contribution.objects.select_related(
                            "person__affiliation", "consortium"
                        ).prefetch_related(Prefetch("findings", queryset=published_findings)),
                    ),
                    Prefetch(
                        "breakouts",
                        queryset=Breakout.objects.select_related(
                            "theme", "rapporteur__affiliation"
                        ).prefetch_related(
                            Prefetch("key_points", queryset=KeyPoint.objects.order_by("position")),
                            Prefetch("findings", queryset=published_findings),
                        ),
                    ),
                ),
            ),
        )
        .get(slug=slug)
    )


@dataclass
class HeadlineFigures:
    consortia: int
    organisations: int
    countries: int
    published_findings: int
    events: int


def headline_figures() -> HeadlineFigures:
    """The programme in numbers: organisations and countries counted among consortium members."""
    members = Organisation.objects.filter(memberships__isnull=False)
    return HeadlineFigures(
        consortia=Consortium.objects.count(),
        organisations=members.distinct().count(),
        countries=members.exclude(country="").values("country").distinct().count(),
        published_findings=Finding.objects.published().count(),
        events=published_events().count(),
    )


def home_page(now=None) -> dict:
    now = now or timezone.now()
    return {
        "programme": Programme.objects.order_by("start_date", "pk").first(),
        "figures": headline_figures(),
        "latest_findings": Finding.objects.published()
        .select_related("consortium")
        .prefetch_related("themes", "sdgs")[:LATEST_FINDINGS],
        "next_event": upcoming_events(now).first(),
        "recent_event": past_events(now).first(),
    }


# What the pages of consortia and findings show of events: appearances at published events only.


def consortium_presentations(consortium: Consortium) -> QuerySet:
    """The consortium's presentations at published events, latest event first."""
    return (
        Contribution.objects.filter(consortium=consortium, session__event__in=published_events())
        .select_related("session__event", "person")
        .order_by("-session__event__starts_at", "session__position", "position")
    )


@dataclass
class PersonAppearances:
    """Where a person took part in published events, each kind latest event first."""

    moderated_sessions: list[Session]
    contributions: list[Contribution]
    reported_breakouts: list[Breakout]
    breakouts_joined: list[Breakout]

    def __bool__(self) -> bool:
        # A person without any appearance gets the page's "none" sentence.
        return any(vars(self).values())


def person_appearances(person: Person) -> PersonAppearances:
    """Sessions moderated, contributions, breakouts reported on and joined: 4 queries."""
    events = published_events()
    breakouts = (
        Breakout.objects.filter(session__event__in=events)
        .select_related("session__event", "theme")
        .order_by("-session__event__starts_at", "position")
    )
    return PersonAppearances(
        moderated_sessions=list(
            Session.objects.filter(moderator=person, event__in=events)
            .select_related("event")
            .order_by("-event__starts_at", "position")
        ),
        contributions=list(
            Contribution.objects.filter(person=person, session__event__in=events)
            .select_related("session__event", "consortium")
            .order_by("-session__event__starts_at", "session__position", "position")
        ),
        reported_breakouts=list(breakouts.filter(rapporteur=person)),
        breakouts_joined=list(breakouts.filter(participants=person)),
    )


@dataclass
class FindingPresentations:
    """Where a finding was presented or discussed at published events, earliest first."""

    contributions: list[Contribution]
    breakouts: list[Breakout]

    def __bool__(self) -> bool:
        return bool(self.contributions or self.breakouts)


def finding_presentations(finding: Finding) -> FindingPresentations:
    """The contributions that presented the finding and the breakouts that discussed it."""
    events = published_events()
    return FindingPresentations(
        contributions=list(
            Contribution.objects.filter(findings=finding, session__event__in=events)
            .select_related("session__event", "person")
            .order_by("session__event__starts_at", "session__position", "position")
        ),
        breakouts=list(
            Breakout.objects.filter(findings=finding, session__event__in=events)
            .select_related("session__event", "theme", "rapporteur")
            .order_by("session__event__starts_at", "position")
        ),
    )


def theme_breakouts(theme: Theme) -> QuerySet:
    """The breakouts at published events that discussed the theme, latest first, with their
    rapporteurs and key points."""
    return (
        Breakout.objects.filter(theme=theme, session__event__in=published_events())
        .select_related("session__event", "rapporteur")
        .prefetch_related("key_points")
        .order_by("-session__event__starts_at", "position")
    )
