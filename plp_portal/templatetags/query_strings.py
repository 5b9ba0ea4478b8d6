"""Query strings that keep a list's filters: for links to other pages, facets and sorts.

{% load query_strings %}
<a href="{% page_url 2 %}">…</a>  <a href="{% url_removing "theme" theme.pk %}">…</a>
"""

from django import template

register = template.Library()


def _query_string(request, drop: tuple[str, ...] = (), **changes) -> str:
    params = request.GET.copy()
    for name in ("page", *drop):
        params.pop(name, None)
    for name, value in changes.items():
        params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def url_with(context, name: str, value) -> str:
    """The current query string with `name` set to `value`, back on page 1."""
    return _query_string(context["request"], **{name: value})


@register.simple_tag(takes_context=True)
def url_without(context, name: str) -> str:
    """The current query string without `name`, back on page 1."""
    return _query_string(context["request"], drop=(name,))


@register.simple_tag(takes_context=True)
def url_adding(context, name: str, value) -> str:
    """The current query string with `value` added to the values of `name`, back on page 1."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(name)
    if str(value) not in values:
        params.setlist(name, [*values, str(value)])
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def url_removing(context, name: str, value) -> str:
    """The current query string without `value` among the values of `name`, back on page 1."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.setlist(name, [v for v in params.getlist(name) if v != str(value)])
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current query string on page `number`."""
    params = context["request"].GET.copy()
    params["page"] = number
    return f"?{params.urlencode()}"
