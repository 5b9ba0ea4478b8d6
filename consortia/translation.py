"""Consortium text in every language (plp_portal.content_language)."""

from plp_portal.content_language import translate_fields

from .models import Consortium

translate_fields(Consortium, ("title", "topic", "description"))
