"""An object's URL without a full ``reverse()`` per object.

A list page or an API list builds hundreds of object URLs (every finding, its consortium, its
themes and SDGs), and ``reverse()`` costs tens of microseconds each. A route's URL differs
between objects only by the one value in it, so the route is reversed once with a placeholder
and the value is put in its place. The result is exactly ``reverse()``'s: values that
``reverse()`` would percent-encode (or refuse) take the slow path.
"""

import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation

# Values the slug, int and str converters accept, the short one for a route whose pattern
# limits the length (an SDG number has at most four digits). A placeholder that appears in the
# route's fixed text too is not used.
_PLACEHOLDERS = ("918273645", "9183")
# What reverse() puts into a URL unchanged (and what the slug converter accepts).
_PLAIN_VALUE = re.compile(r"[-a-zA-Z0-9_]+")

_templates: dict[tuple, tuple[str, str]] = {}


def object_url(viewname: str, value, kwarg: str | None = None) -> str:
    """``reverse(viewname, args=[value])`` (or ``kwargs={kwarg: value}``), from a template of
    the route made on its first use in this URLconf, script prefix and language (a page's
    address starts with its language: /fr/findings/…)."""
    text = str(value)
    if not _PLAIN_VALUE.fullmatch(text):
        return _reverse(viewname, value, kwarg)
    key = (
        viewname,
        kwarg,
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        translation.get_language(),
    )
    template = _templates.get(key)
    if template is None:
        template = _route_template(viewname, kwarg)
        if template is None:
            return _reverse(viewname, value, kwarg)
        _templates[key] = template
    return template[0] + text + template[1]


def _route_template(viewname: str, kwarg: str | None) -> tuple[str, str] | None:
    """The route's URL before and after its value, or None when no placeholder fits."""
    for placeholder in _PLACEHOLDERS:
        try:
            url = _reverse(viewname, placeholder, kwarg)
        except NoReverseMatch:
            continue
        if url.count(placeholder) == 1:
            before, _, after = url.partition(placeholder)
            return before, after
    return None


def _reverse(viewname: str, value, kwarg: str | None) -> str:
    if kwarg:
        return reverse(viewname, kwargs={kwarg: value})
    return reverse(viewname, args=[value])
