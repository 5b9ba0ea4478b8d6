"""Who may do what with an event: one named predicate per rule."""

from findings.permissions import is_curator


def can_change_event_schedule(user) -> bool:
    """Postponing, rescheduling and cancelling are the curators' (events.scheduling)."""
    return is_curator(user)
