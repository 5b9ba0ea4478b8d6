"""Markdown written by consortium members, rendered to HTML that is safe to show anyone."""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong",
    "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "del", "sup",
    "sub",
}  # fmt: skip
# Headings start at h2: the page's own title is the only h1.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """Render Markdown and strip everything but a small set of harmless tags and attributes.

    Raw HTML in the source is escaped or removed; links keep only http(s)/mailto targets and get
    rel="noopener noreferrer"; `# Heading` becomes an h2 so a body never competes with the title.
    """
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(
        text, extensions=["tables", "sane_lists", "fenced_code"], output_format="html"
    )
    html = _demote_h1(html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def _demote_h1(html: str) -> str:
    return html.replace("<h1>", "<h2>").replace("<h1 ", "<h2 ").replace("</h1>", "</h2>")
