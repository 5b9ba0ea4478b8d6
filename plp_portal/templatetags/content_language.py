"""Mark translated content shown in another language than the page's.

``<h1{{ finding|lang_of:"title" }}>{{ finding.title }}</h1>`` gives ``<h1 lang="fr">`` when the
title has no translation in the reader's language and falls back to the French original
(plp_portal.content_language), and nothing when the text is in the page's language: screen
readers then pronounce each text in its own language (WCAG 3.1.2).
"""

from django import template
from django.utils.html import format_html

from plp_portal.content_language import active_language, shown_language

register = template.Library()


@register.filter
def lang_of(obj, field: str) -> str:
    language = shown_language(obj, field) if obj else None
    if language is None or language == active_language():
        return ""
    return format_html(' lang="{}"', language)
