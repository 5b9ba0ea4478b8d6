"""Theme and finding text in every language (plp_portal.content_language)."""

from plp_portal.content_language import translate_fields

from .models import Finding, PolicyLever, SDGTarget, Theme

translate_fields(Theme, ("name", "description"))
translate_fields(Finding, ("title", "summary", "body"))
# Its history records every language, so a translation's changes are kept like any edit.
translate_fields(Finding.history.model, ("title", "summary", "body"))
translate_fields(PolicyLever, ("name", "description"))
translate_fields(SDGTarget, ("text",))
