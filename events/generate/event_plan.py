"""One generated event and its programme, decided from the seed and its number alone.

An event has opening remarks, one or two panels where consortia present findings published
before it, a breakouts session (each breakout on a topic theme, with a rapporteur,
participants and key points) and closing remarks, in that order and within its times.
"""

import bisect
import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass, field

from django.utils.text import slugify
from django_countries import countries

from ..enums import ContributionKind, EventFormat, EventStatus, SessionKind
from . import words
from .directory import ConsortiumFacts, Directory
from .findings import PublishedFindings
from .plan import FIRST_EVENT_DAY, LAST_EVENT_DAY, rng_for
from .text import Writer, capitalised

# Minutes per session: online events are an afternoon, others a day.
DURATIONS = {
    True: {"opening": 15, "panel": 45, "breakouts": 45, "closing": 15},
    False: {"opening": 30, "panel": 75, "breakouts": 90, "closing": 30},
}


@dataclass
class ContributionPlan:
    person_id: int
    consortium_id: int | None
    kind: str
    title: str
    summary: str
    finding_ids: list[int]


@dataclass
class KeyPointPlan:
    text: str
    finding_ids: list[int]
    theme_ids: list[int]


@dataclass
class BreakoutPlan:
    title: str
    theme_id: int
    rapporteur_id: int
    participant_ids: list[int]
    summary: str
    finding_ids: list[int]
    key_points: list[KeyPointPlan]


@dataclass
class SessionPlan:
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    moderator_id: int | None
    summary: str
    contributions: list[ContributionPlan] = field(default_factory=list)
    breakouts: list[BreakoutPlan] = field(default_factory=list)


@dataclass
class EventPlan:
    title: str
    slug: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    format: str
    venue: str
    summary: str
    description: str
    status: str
    theme_ids: list[int]
    participant_count: int
    contributor_count: int
    sessions: list[SessionPlan]


class EventPlanner:
    def __init__(
        self,
        *,
        seed: int,
        total: int,
        directory: Directory,
        published: PublishedFindings,
        topic_themes: dict[int, str],
        event_theme_ids: list[int],
    ):
        self.seed, self.total = seed, total
        self.directory = directory
        self.published = published
        self.topic_themes = topic_themes
        self.event_theme_ids = event_theme_ids

    def _day(self, number: int, rng: random.Random) -> dt.date:
        """Events spread evenly over the years, give or take ten days."""
        span = (LAST_EVENT_DAY - FIRST_EVENT_DAY).days
        offset = round(span * (number + 0.5) / self.total) + rng.randint(-10, 10)
        return FIRST_EVENT_DAY + dt.timedelta(days=min(max(offset, 0), span))

    def _findings_before(self, consortium: ConsortiumFacts, moment: dt.datetime, rng) -> list:
        findings = self.published.get(consortium.pk, [])
        known = findings[: bisect.bisect_right(findings, (moment, float("inf")))][-10:]
        return [pk for _, pk in rng.sample(known, min(len(known), rng.randint(1, 2)))]

    def _presenters(self, count: int, moment: dt.datetime, rng) -> list[ConsortiumFacts]:
        """Consortia with findings published by then first, then those already started."""
        ready, started, later = [], [], []
        for consortium in self.directory.consortia:
            findings = self.published.get(consortium.pk)
            if findings and findings[0][0] < moment:
                ready.append(consortium)
            elif consortium.start <= moment.date():
                started.append(consortium)
            else:
                later.append(consortium)
        chosen: list[ConsortiumFacts] = []
        for group in (ready, started, later):
            chosen += rng.sample(group, min(count - len(chosen), len(group)))
        return chosen

    def _presentations(self, count: int, moment: dt.datetime, rng) -> list[ContributionPlan]:
        plans = []
        for consortium in self._presenters(count, moment, rng):
            writer = Writer(rng, consortium.places)
            plans.append(
                ContributionPlan(
                    person_id=rng.choice(consortium.people),
                    consortium_id=consortium.pk,
                    kind=ContributionKind.PRESENTATION,
                    title=f"{consortium.short_name}: {writer.fill('{Object} in {place}')}",
                    summary=writer.sentence(),
                    finding_ids=self._findings_before(consortium, moment, rng),
                )
            )
        return plans

    def _remarks(self, count: int, rng: random.Random) -> list[ContributionPlan]:
        people = rng.sample(self.directory.people, min(count, len(self.directory.people)))
        return [ContributionPlan(pk, None, ContributionKind.REMARKS, "", "", []) for pk in people]

    def _breakouts(self, presented: list[int], writer: Writer, rng) -> list[BreakoutPlan]:
        people = self.directory.people
        topics = list(self.topic_themes)
        breakouts = []
        for theme_id in rng.sample(topics, min(rng.randint(3, 5), len(topics))):
            findings = rng.sample(presented, min(len(presented), rng.randint(0, 2)))
            points = [
                KeyPointPlan(
                    text=writer.sentence(),
                    finding_ids=[rng.choice(findings)] if findings and rng.random() < 0.5 else [],
                    theme_ids=list(dict.fromkeys([theme_id, rng.choice(topics)])),
                )
                for _ in range(rng.randint(2, 4))
            ]
            breakouts.append(
                BreakoutPlan(
                    title=f"{self.topic_themes[theme_id]}: {capitalised(writer.fill('{object}'))}",
                    theme_id=theme_id,
                    rapporteur_id=rng.choice(people),
                    participant_ids=rng.sample(people, min(len(people), rng.randint(3, 8))),
                    summary=writer.paragraph(1, 2),
                    finding_ids=findings,
                    key_points=points,
                )
            )
        return breakouts

    def _sessions(self, starts_at, ends_at, online: bool, writer: Writer, rng) -> list[SessionPlan]:
        panels = [rng.randint(3, 5) for _ in range(rng.randint(1, 2))]
        # Each consortium presents once per event, in one of the panels.
        presentations = self._presentations(sum(panels), ends_at, rng)
        presented = list(dict.fromkeys(pk for c in presentations for pk in c.finding_ids))
        kinds = ["opening"] + ["panel"] * len(panels) + ["breakouts", "closing"]
        sessions, cursor = [], starts_at
        for kind in kinds:
            end = cursor + dt.timedelta(minutes=DURATIONS[online][kind])
            title = writer.fill(
                rng.choice(words.SESSION_TITLES[kind]).replace("{theme}", "{Object}")
            )
            session = SessionPlan(SessionKind(kind), title, cursor, end, None, "")
            if kind in ("opening", "closing"):
                session.contributions = self._remarks(1 if kind == "closing" else 2, rng)
            elif kind == "panel":
                session.moderator_id = rng.choice(self.directory.people)
                session.summary = writer.sentence()
                count = panels.pop()
                session.contributions, presentations = presentations[:count], presentations[count:]
            else:
                session.moderator_id = rng.choice(self.directory.people)
                session.breakouts = self._breakouts(presented, writer, rng)
            sessions.append(session)
            cursor = end
        return sessions

    def plan(self, number: int) -> EventPlan:
        rng = rng_for(self.seed, "event", number)
        day = self._day(number, rng)
        city, code, zone = rng.choice(words.CITIES)
        event_format = rng.choices(
            [EventFormat.ONLINE, EventFormat.IN_PERSON, EventFormat.HYBRID], [5, 3, 2]
        )[0]
        online = event_format == EventFormat.ONLINE
        local = zoneinfo.ZoneInfo(zone)
        starts_at = dt.datetime.combine(day, dt.time(13 if online else 9), tzinfo=local)
        ends_at = starts_at + dt.timedelta(hours=3 if online else 8 + 24 * rng.randint(0, 1))
        theme_name = self.topic_themes[rng.choice(list(self.topic_themes))]
        title = rng.choice(words.EVENT_TITLES).format(theme=theme_name, city=city)
        title = f"{title} {day.year}"
        writer = Writer(rng, [city, countries.name(code)])
        sessions = self._sessions(starts_at, ends_at, online, writer, rng)
        speakers = {c.person_id for s in sessions for c in s.contributions}
        return EventPlan(
            title=title,
            slug=f"{slugify(title)[:80].strip('-')}-{number + 1}",
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=zone,
            format=event_format,
            venue="Online" if online else f"{city}, {countries.name(code)}",
            summary=writer.paragraph(1, 2),
            description=f"{writer.paragraph(2, 3)}\n\n{writer.paragraph(2, 3)}",
            # Now and then an event is still being prepared; the first one never is.
            status=EventStatus.DRAFT if number and rng.random() < 0.08 else EventStatus.PUBLISHED,
            theme_ids=rng.sample(self.event_theme_ids, min(2, len(self.event_theme_ids))),
            participant_count=len(speakers) + rng.randint(20, 300),
            contributor_count=len(speakers),
            sessions=sessions,
        )
