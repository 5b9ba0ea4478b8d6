"""What every app's schema.org JSON-LD shares: the absolute addresses it names, the site's
preview image, and the ``<script type="application/ld+json">`` element that carries it.

Each app builds the documents of its own pages (consortia.linked_data, findings.linked_data,
events.linked_data) from the objects its view already read, as plain dicts. The element is
written here, escaped as Django's ``json_script`` escapes (``<``, ``>`` and ``&`` as ``\\u003C``
…): no text in a document, however hostile, can close the element or open another.
"""

import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SCHEMA_ORG = "https://schema.org"

#: The default image of a shared link (OpenGraph, Twitter cards) and of a document that has
#: none of its own: 1200 × 630 pixels, the size previewers crop to.
PREVIEW_IMAGE = "img/link-preview.png"
PREVIEW_IMAGE_SIZE = (1200, 630)

#: ``absolute("/en/events/x/")`` → "https://plp.example.org/en/events/x/": a view hands its
#: request's ``build_absolute_uri``, so documents name the address the page was asked at.
Absolute = Callable[[str], str]

# What Django's json_script escapes, for the same reason: inside a script element, "</script>"
# or "<!--" in a string would end or change the element; escaped, JSON parsers read the same.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def preview_image_url(absolute: Absolute) -> str:
    return absolute(static(PREVIEW_IMAGE))


def compact(node: dict) -> dict:
    """`node` without its empty values: schema.org has no use for ``"jobTitle": ""``."""
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def document(node: dict) -> dict:
    """A top-level JSON-LD document: `node` in the schema.org context."""
    return {"@context": SCHEMA_ORG, **node}


def json_ld_script(value: dict | None) -> str:
    """The ``<script type="application/ld+json">`` element holding `value` (nothing for None).

    `value` may be a lazy object (a view's ``SimpleLazyObject``): a document read only when a
    cached fragment around it is stale."""
    if not value:
        return ""
    text = json.dumps(dict(value), cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),
    )
