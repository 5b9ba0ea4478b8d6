"""Object URLs built from a route template give exactly what reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from plp_portal.object_urls import object_url


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


def test_object_url_slug_route_equals_reverse():
    assert (
        object_url("findings:finding_detail", "housing-co-ops-2")
        == "/en/findings/housing-co-ops-2/"
    )
    assert object_url("findings:finding_detail", "other") == reverse(
        "findings:finding_detail", args=["other"]
    )


def test_object_url_int_route_with_a_length_limit_equals_reverse():
    assert object_url("api:sdg-detail", 7, kwarg="number") == "/api/v1/sdgs/7/"
    assert object_url("findings:sdg_detail", 17) == reverse("findings:sdg_detail", args=[17])


@pytest.mark.parametrize("value", ["", "josé", "a.b", "a/b"])
def test_object_url_value_the_slug_route_refuses_raises_like_reverse(value):
    with pytest.raises(NoReverseMatch):
        object_url("events:event_detail", value)


def test_object_url_follows_the_script_prefix(script_prefix):
    object_url("events:event_detail", "summit")  # a template made under "/"
    script_prefix("/portal/")
    assert object_url("events:event_detail", "summit") == "/portal/en/events/summit/"
