"""{% load excerpts %} {% excerpt consortium.topic 40 as topic %} {{ topic.text }}
{% if topic.is_cut %}<a href="…">Read more</a>{% endif %}: see plp_portal.text_excerpts."""

from django import template

from plp_portal.text_excerpts import Excerpt
from plp_portal.text_excerpts import excerpt as make_excerpt

register = template.Library()


@register.simple_tag
def excerpt(text: str, max_words: int) -> Excerpt:
    return make_excerpt(text, max_words)
