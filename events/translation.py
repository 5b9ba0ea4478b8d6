"""Event, session, breakout and key point text in every language
(plp_portal.content_language)."""

from plp_portal.content_language import translate_fields

from .models import Breakout, Event, EventScheduleChange, KeyPoint, Session

translate_fields(
    Event, ("title", "summary", "description", "report_introduction", "report_conclusions")
)
translate_fields(EventScheduleChange, ("reason",))
translate_fields(Session, ("title", "summary"))
translate_fields(Breakout, ("title", "summary"))
translate_fields(KeyPoint, ("text",))
