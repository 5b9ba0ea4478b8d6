"""Template helpers for findings: Markdown and SDG badge colours."""

from django import template
from django.utils.safestring import SafeString

from findings.markdown import render_markdown

register = template.Library()

DARK_TEXT = "#1b1b1b"
LIGHT_TEXT = "#ffffff"


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio between two hex colours (1 to 21)."""
    lighter, darker = sorted((_relative_luminance(first), _relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


@register.filter
def text_colour_on(background: str) -> str:
    """White or near-black, whichever contrasts more with `background` (always ≥ 4.5:1)."""
    if contrast_ratio(LIGHT_TEXT, background) >= contrast_ratio(DARK_TEXT, background):
        return LIGHT_TEXT
    return DARK_TEXT
