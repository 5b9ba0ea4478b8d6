"""Reads for the home page, the public event pages, and the event appearances that the pages of
consortia and findings show (events.combined_views), in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from consortia.models import Consortium, Membership, Organisation, Person, Programme
from findings import counts as finding_counts
from findings import selectors as findings_selectors
from findings.models import Finding, Theme
from findings.states import LISTED_STATES
from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag

from .enums import ScheduleStatus
from .models import Breakout, Contribution, Event, KeyPoint, OutputLaunch, Session

LATEST_FINDINGS = 6
# An event's page lists at most this many of the outputs launched at it.
LAUNCHED_OUTPUTS_LIMIT = 50
# The calendar of all events: what is coming, and what happened in the last years.
CALENDAR_PAST_YEARS = 2
CALENDAR_MIN_PAST = 10
CALENDAR_MAX_EVENTS = 500
# A person's page lists at most this many appearances of each kind, the latest.
APPEARANCES_LIMIT = 50


def published_events() -> QuerySet:
    return Event.objects.published()


def upcoming_events(now=None) -> QuerySet:
    return published_events().upcoming(now)


def past_events(now=None) -> QuerySet:
    return published_events().past(now)


def calendar_events(now=None) -> QuerySet:
    """The events of the subscribable calendar, in order: upcoming ones, and those that ended
    in the last CALENDAR_PAST_YEARS years or are among the CALENDAR_MIN_PAST latest (at most
    CALENDAR_MAX_EVENTS in all)."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=365 * CALENDAR_PAST_YEARS)
    # A quiet programme still shows its last events rather than an empty calendar.
    latest_ends = list(
        past_events(now).values_list("ends_at", flat=True)[
            CALENDAR_MIN_PAST - 1 : CALENDAR_MIN_PAST
        ]
    )
    # Fewer past events than that: all of them, a short list anyway.
    since = min(since, latest_ends[0]) if latest_ends else None
    sessions = Session.objects.only("event_id", "title", "position").order_by("position")
    events = published_events() if since is None else published_events().filter(ends_at__gte=since)
    return events.prefetch_related(Prefetch("sessions", queryset=sessions)).order_by("starts_at")[
        :CALENDAR_MAX_EVENTS
    ]


def next_event_end(now=None):
    """When the next upcoming event ends and becomes past (pages listing events change then)."""
    return upcoming_events(now).aggregate(end=Min("ends_at"))["end"]


def launched_outputs_prefetch() -> Prefetch:
    """The published outputs launched at an event (``event.launched_outputs``: the
    ``OutputLaunch`` rows, with output, its consortium and the session), by title, capped at
    ``LAUNCHED_OUTPUTS_LIMIT``: one query."""
    return Prefetch(
        "output_launches",
        queryset=OutputLaunch.objects.filter(output__status__in=LISTED_STATES)
        .select_related("output__consortium", "session")
        .order_by("output__title", "id")[:LAUNCHED_OUTPUTS_LIMIT],
        to_attr="launched_outputs",
    )


def event_programme(slug: str) -> Event:
    """A published event with its whole programme in order: sessions, moderators, speakers with
    their consortium and published findings, breakouts with theme, rapporteur and key points;
    and the published outputs launched at it.

    Raises Event.DoesNotExist for a missing or draft event.
    """
    published_findings = Finding.objects.published().order_by("title")
    event = (
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
            launched_outputs_prefetch(),
        )
        .get(slug=slug)
    )
    # Its schedule history only when it has one: an event on its first dates costs no query.
    if event.schedule_sequence:
        prefetch_related_objects([event], "schedule_changes")
    return event


# A report names the next few events of its programme, not the whole calendar.
MILESTONES_LIMIT = 3


def next_milestones(event: Event) -> list[Event]:
    """The published events of the event's programme that start after it ends, earliest first
    (at most MILESTONES_LIMIT): what its report names as the next milestones. One query, and
    one more for the schedule history when one of them moved."""
    if event.programme_id is None:
        return []
    milestones = list(
        published_events()
        .filter(programme_id=event.programme_id, starts_at__gte=event.ends_at)
        .exclude(pk=event.pk)
        .order_by("starts_at", "pk")[:MILESTONES_LIMIT]
    )
    # A moved milestone says from when: its history, one query more only when one moved.
    prefetch_related_objects([e for e in milestones if e.schedule_sequence], "schedule_changes")
    return milestones


@dataclass
class HeadlineFigures:
    consortia: int
    organisations: int
    countries: int
    published_findings: int
    events: int


# What the headline figures count: any change to one of these retires them.
FIGURES_TAGS = [
    kind_tag(Consortium),
    kind_tag(Organisation),
    kind_tag(Membership),
    kind_tag(Finding),
    kind_tag(Event),
]


def headline_figures() -> HeadlineFigures:
    """The programme in numbers: organisations and countries counted among consortium members.
    Counted once, then cached until one of the things counted changes."""
    return cached("events.headline-figures", FIGURES_TAGS, _count_headline_figures)


def _count_headline_figures() -> HeadlineFigures:
    members = Organisation.objects.filter(memberships__isnull=False)
    return HeadlineFigures(
        consortia=Consortium.objects.count(),
        organisations=members.distinct().count(),
        countries=members.exclude(country="").values("country").distinct().count(),
        published_findings=finding_counts.published_total(),
        events=published_events().count(),
    )


def home_page(now=None) -> dict:
    """The home page's parts, each read only when the template first uses it: the parts in a
    cached fragment cost no query while the fragment is current."""
    now = now or timezone.now()
    return {
        "programme": SimpleLazyObject(Programme.objects.order_by("start_date", "pk").first),
        "figures": SimpleLazyObject(headline_figures),
        "latest_findings": findings_selectors.finding_cards(
            findings_selectors.card_fields(Finding.objects.published())
        ).order_by("-published_at", "title")[:LATEST_FINDINGS],
        # The next event that will take place: a cancelled one says so on the events list.
        "next_event": SimpleLazyObject(
            upcoming_events(now).exclude(schedule_status=ScheduleStatus.CANCELLED).first
        ),
        # The latest event that holds content: a later past event known only by its dates (a
        # conference announced, then moved) would push it off the page.
        "recent_event": SimpleLazyObject(past_events(now).with_programme().first),
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
    #: A kind had more than the limit: the page says only the latest are listed.
    more: bool = False

    def __bool__(self) -> bool:
        # A person without any appearance gets the page's "none" sentence.
        return any(
            (
                self.moderated_sessions,
                self.contributions,
                self.reported_breakouts,
                self.breakouts_joined,
            )
        )


def person_appearances(person: Person) -> PersonAppearances:
    """Sessions moderated, contributions, breakouts reported on and joined, the latest
    `APPEARANCES_LIMIT` of each kind: 4 queries."""
    limit = APPEARANCES_LIMIT
    events = published_events()
    breakouts = (
        Breakout.objects.filter(session__event__in=events)
        .select_related("session__event", "theme")
        .order_by("-session__event__starts_at", "position")
    )
    kinds = {
        "moderated_sessions": Session.objects.filter(moderator=person, event__in=events)
        .select_related("event")
        .order_by("-event__starts_at", "position"),
        "contributions": Contribution.objects.filter(person=person, session__event__in=events)
        .select_related("session__event", "consortium")
        .order_by("-session__event__starts_at", "session__position", "position"),
        "reported_breakouts": breakouts.filter(rapporteur=person),
        "breakouts_joined": breakouts.filter(participants=person),
    }
    # One row past the limit tells whether the list is cut.
    rows = {kind: list(queryset[: limit + 1]) for kind, queryset in kinds.items()}
    return PersonAppearances(
        **{kind: listed[:limit] for kind, listed in rows.items()},
        more=any(len(listed) > limit for listed in rows.values()),
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


def output_launch(output):
    """Where the output was launched, if at a published event: the ``OutputLaunch`` with its
    event and session, or ``None``."""
    return (
        OutputLaunch.objects.filter(output=output, event__in=published_events())
        .select_related("event", "session")
        .first()
    )
