"""The comparison table's numbers in words, for its up to 800 cells (findings.compare).

``{{ number|findings_count }}`` is what ``{% blocktranslate trimmed count counter=number %}``
gives for "3 findings" (the words for screen readers only), ``{{ number|contested_count }}``
for "3 contested": the same messages and the same localised number, without a template
block's cost per cell (most of a large table's rendering time).
"""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

register = template.Library()


def _counted(message: str, number: int) -> SafeString:
    # The message is ours (a catalogue's); only the number is put in, escaped.
    return mark_safe(message % {"counter": conditional_escape(localize(number))})  # noqa: S308


@register.filter
def findings_count(number: int) -> SafeString:
    return _counted(
        ngettext(
            '%(counter)s<span class="visually-hidden"> finding</span>',
            '%(counter)s<span class="visually-hidden"> findings</span>',
            number,
        ),
        number,
    )


@register.filter
def contested_count(number: int) -> SafeString:
    return _counted(ngettext("%(counter)s contested", "%(counter)s contested", number), number)
