"""{% cachedfragment %} keeps a piece of a template until one of its tags changes."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

from plp_portal.content_changes import content_changed

TEMPLATE = Template(
    "{% load content_cache %}"
    '{% cachedfragment "box" tags="findings.finding consortia.consortium" vary=kind %}'
    "{{ counter.next }}{% endcachedfragment %}"
)


class Counter:
    def __init__(self):
        self.runs = 0

    def next(self):
        self.runs += 1
        return f"rendered {self.runs}"


def render(counter, kind="a"):
    return TEMPLATE.render(Context({"counter": counter, "kind": kind}))


def test_a_fragment_is_rendered_once_until_one_of_its_tags_changes(
    db, django_capture_on_commit_callbacks
):
    counter = Counter()

    assert [render(counter), render(counter)] == ["rendered 1", "rendered 1"]
    with django_capture_on_commit_callbacks(execute=True):
        content_changed("events.event")
    assert render(counter) == "rendered 1"
    with django_capture_on_commit_callbacks(execute=True):
        content_changed("consortia.consortium")
    assert render(counter) == "rendered 2"


def test_each_vary_value_is_its_own_fragment(db):
    counter = Counter()

    assert [render(counter, "a"), render(counter, "b"), render(counter, "a")] == [
        "rendered 1",
        "rendered 2",
        "rendered 1",
    ]


@pytest.mark.parametrize(
    "tag",
    [
        '{% cachedfragment "box" %}x{% endcachedfragment %}',
        '{% cachedfragment "box" vary=1 %}x{% endcachedfragment %}',
        '{% cachedfragment "box" tags="a" colour="red" %}x{% endcachedfragment %}',
    ],
)
def test_a_fragment_without_tags_or_with_unknown_options_is_refused(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load content_cache %}" + tag)


@pytest.mark.parametrize(
    "tag",
    [
        '{% pagefragment "box" %}x{% endpagefragment %}',
        '{% pagefragment "box" tags="a" vary=1 %}x{% endpagefragment %}',
    ],
)
def test_a_page_fragment_without_vary_or_with_tags_is_refused(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load content_cache %}" + tag)
