"""The head's machine-readable parts: link previews and schema.org JSON-LD.

    {% capture "page_title" %}{% block title %}{% endblock %}{% endcapture %}

renders its content where it stands and keeps it as ``page_title`` for the rest of the
template, so the preview tags repeat the page's title and description without each page
writing them twice.

    {% link_preview as preview %}    the canonical address, locales and default image
    {{ request|previewable }}        whether the page is one to preview at all
    {{ linked_data|json_ld }}        a document as a <script type="application/ld+json">
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from plp_portal.link_previews import is_previewable
from plp_portal.link_previews import link_preview as preview_values
from plp_portal.linked_data import json_ld_script

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        output = self.nodelist.render(context)
        # Where the tag stands (the head), so the rest of the template sees it.
        context[self.name] = mark_safe(output.strip())
        return output


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f'{bits[0]} takes a quoted name: {{% capture "x" %}}')
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1][1:-1])


@register.simple_tag(takes_context=True)
def link_preview(context) -> dict:
    return preview_values(context["request"], get_language())


@register.filter
def previewable(request) -> bool:
    # A page rendered without a request (an e-mail, the 503 page) is no page to preview.
    path = getattr(request, "path", None)
    return path is not None and is_previewable(path)


@register.filter
def json_ld(value) -> str:
    return json_ld_script(value)
