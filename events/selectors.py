"""Reads for the home page and the public event pages, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from consortia.models import Consortium, Organisation, Programme
from findings.models import Finding

from .models import Breakout, Contribution, Event, KeyPoint, Session

LATEST_FINDINGS = 6


def published_events() -> QuerySet:
    return Event.objects.published()


def upcoming_events(now=None) -> QuerySet:
    return published_events().upcoming(now)


def past_events(now=None) -> QuerySet:
    return published_events().past(now)


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
