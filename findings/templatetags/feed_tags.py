"""Links to the findings feeds: autodiscovery in a page's head, "Follow" links in its body.

{% load feed_tags %}
{% block feeds %}{{ block.super }}{% feed_autodiscovery theme=theme %}{% endblock %}
{% follow_links theme=theme %}    {% follow_links followed=followed %} (the findings list)
"""

from django import template

from findings.followed import FollowedFindings

register = template.Library()


def _followed(followed=None, *, theme=None, sdg=None, consortium=None) -> FollowedFindings:
    if followed is not None:
        return followed
    return FollowedFindings(
        themes=(theme,) if theme else (),
        sdgs=(sdg,) if sdg else (),
        consortia=(consortium,) if consortium else (),
    )


@register.inclusion_tag("includes/feed_autodiscovery.html")
def feed_autodiscovery(followed=None, **subject):
    """`<link rel="alternate">` to the Atom and RSS feeds of these findings."""
    return {"followed": _followed(followed, **subject)}


@register.inclusion_tag("includes/follow_links.html")
def follow_links(followed=None, **subject):
    """Visible links to the Atom and RSS feeds of these findings, named for what they follow."""
    return {"followed": _followed(followed, **subject)}
