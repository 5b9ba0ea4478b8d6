"""Planned events into rows, one level at a time: events, sessions, what happens in them."""

from ..models import Breakout, Contribution, Event, KeyPoint, Session
from .bulk import insert
from .event_plan import EventPlan


def _link(relation, pairs) -> None:
    """Insert many-to-many rows through ``relation`` (e.g. ``Event.themes``)."""
    field, through = relation.field, relation.through
    left, right = field.m2m_column_name(), field.m2m_reverse_name()
    insert(through, [through(**{left: a, right: b}) for a, b in pairs])


def _children(parents, plans, name: str):
    """(parent row, position, child plan) for the ``name`` list of each parent's plan."""
    return [
        (parent, position, child)
        for parent, plan in zip(parents, plans, strict=True)
        for position, child in enumerate(getattr(plan, name), start=1)
    ]


def insert_events(plans: list[EventPlan]) -> None:
    events = insert(
        Event,
        [
            Event(
                title=p.title, slug=p.slug, starts_at=p.starts_at, ends_at=p.ends_at,
                time_zone=p.time_zone, format=p.format, venue=p.venue, summary=p.summary,
                description=p.description, status=p.status,
                participant_count=p.participant_count, contributor_count=p.contributor_count,
            )
            for p in plans
        ],
    )  # fmt: skip
    _link(
        Event.themes, [(e.pk, t) for e, p in zip(events, plans, strict=True) for t in p.theme_ids]
    )

    placed = _children(events, plans, "sessions")
    sessions = insert(
        Session,
        [
            Session(
                event=event, position=position, kind=s.kind, title=s.title,
                starts_at=s.starts_at, ends_at=s.ends_at, moderator_id=s.moderator_id,
                summary=s.summary,
            )
            for event, position, s in placed
        ],
    )  # fmt: skip
    session_plans = [s for _, _, s in placed]

    placed = _children(sessions, session_plans, "contributions")
    contributions = insert(
        Contribution,
        [
            Contribution(
                session=session, position=position, person_id=c.person_id,
                consortium_id=c.consortium_id, kind=c.kind, title=c.title, summary=c.summary,
            )
            for session, position, c in placed
        ],
    )  # fmt: skip
    _link(
        Contribution.findings,
        [
            (row.pk, f)
            for row, (_, _, c) in zip(contributions, placed, strict=True)
            for f in c.finding_ids
        ],
    )

    placed = _children(sessions, session_plans, "breakouts")
    breakouts = insert(
        Breakout,
        [
            Breakout(
                session=session, position=position, title=b.title, theme_id=b.theme_id,
                rapporteur_id=b.rapporteur_id, summary=b.summary,
            )
            for session, position, b in placed
        ],
    )  # fmt: skip
    breakout_plans = [b for _, _, b in placed]
    pairs = list(zip(breakouts, breakout_plans, strict=True))
    _link(Breakout.participants, [(row.pk, p) for row, b in pairs for p in b.participant_ids])
    _link(Breakout.findings, [(row.pk, f) for row, b in pairs for f in b.finding_ids])

    placed = _children(breakouts, breakout_plans, "key_points")
    points = insert(
        KeyPoint, [KeyPoint(breakout=row, position=n, text=k.text) for row, n, k in placed]
    )
    pairs = [(row, k) for row, (_, _, k) in zip(points, placed, strict=True)]
    _link(KeyPoint.findings, [(row.pk, f) for row, k in pairs for f in k.finding_ids])
    _link(KeyPoint.themes, [(row.pk, t) for row, k in pairs for t in k.theme_ids])
