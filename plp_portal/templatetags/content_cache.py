"""``{% cachedfragment %}``: a piece of a template kept until the content it shows changes.

    {% load content_cache %}
    {% cachedfragment "facet-themes" tags="findings.finding findings.theme" vary=query %}
      … an expensive piece …
    {% endcachedfragment %}

The piece is rendered once per name, `vary` value and language, and served from the cache until
one of `tags` changes (plp_portal.content_changes; ``all`` is always included). Only for what
every reader sees alike: nothing that depends on the signed-in user or the CSRF token.

    {% pagefragment "findings-browse" vary=request.get_full_path %}…{% endpagefragment %}

The same, with the tags the page's route declares (plp_portal.page_tags) and its moment of
change by itself (plp_portal.fragments), read from ``request``: for a template whose view
does not hand it a ``fragment``.
"""

import hashlib

from django import template
from django.template.base import token_kwargs
from django.utils import translation
from django.utils.safestring import mark_safe

from plp_portal.content_changes import cached
from plp_portal.fragments import page_fragment

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, options):
        self.nodelist = nodelist
        self.name = name
        self.options = options

    def render(self, context):
        tags = str(self.options["tags"].resolve(context)).split()
        vary = self.options["vary"].resolve(context) if "vary" in self.options else ""
        key = f"fragment:{self.name.resolve(context)}:{translation.get_language()}:{vary}"
        return mark_safe(cached(key, tags, lambda: self.nodelist.render(context)))


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        # Hashed: the vary value may be a whole query string, of any length.
        vary = hashlib.blake2s(str(self.vary.resolve(context)).encode(), digest_size=12)
        fragment = page_fragment(context["request"], vary.hexdigest())
        key = f"fragment:{self.name.resolve(context)}:{translation.get_language()}:{fragment.vary}"
        return mark_safe(cached(key, fragment.tags.split(), lambda: self.nodelist.render(context)))


@register.tag
def pagefragment(parser, token):
    bits = token.split_contents()
    options = token_kwargs(bits[2:], parser)
    if len(bits) != 3 or set(options) != {"vary"}:
        raise template.TemplateSyntaxError(
            f'{bits[0]} takes a name and vary=…: {{% {bits[0]} "name" vary=… %}}'
        )
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, parser.compile_filter(bits[1]), options["vary"])


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f'{bits[0]} needs a name and tags: {{% {bits[0]} "name" tags="kind kind" %}}'
        )
    name = parser.compile_filter(bits[1])
    options = token_kwargs(bits[2:], parser)
    if "tags" not in options or set(options) - {"tags", "vary"} or len(bits) - 2 != len(options):
        raise template.TemplateSyntaxError(f"{bits[0]} takes tags=… and optionally vary=….")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, name, options)
