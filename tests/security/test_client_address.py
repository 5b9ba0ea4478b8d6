"""The client's address comes from REMOTE_ADDR, or from X-Forwarded-For exactly as far as
PLP_NUM_PROXIES trusted proxies wrote it: a caller cannot choose its own address."""

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from plp_portal.client_address import client_address


def request_from(remote_addr: str, forwarded_for: str | None = None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.PLP_NUM_PROXIES = 0

    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_is_used(settings):
    settings.PLP_NUM_PROXIES = 1
    # The caller sent "X-Forwarded-For: 10.0.0.1, 192.0.2.9"; nginx appended what it saw.
    request = request_from("127.0.0.1", "10.0.0.1, 192.0.2.9, 198.51.100.23")

    assert client_address(request) == "198.51.100.23"


def test_behind_two_proxies_the_address_the_outer_one_saw_is_used(settings):
    settings.PLP_NUM_PROXIES = 2
    request = request_from("127.0.0.1", "10.0.0.1, 198.51.100.23, 172.16.0.5")

    assert client_address(request) == "198.51.100.23"


def test_behind_a_proxy_a_request_without_the_header_uses_remote_addr(settings):
    settings.PLP_NUM_PROXIES = 1

    assert client_address(request_from("203.0.113.7")) == "203.0.113.7"


def test_fewer_forwarded_addresses_than_proxies_uses_the_first_proxy_s(settings):
    settings.PLP_NUM_PROXIES = 2
    # Only one proxy wrote the header (a request that skipped the outer one): take what it saw.
    assert client_address(request_from("127.0.0.1", "198.51.100.23")) == "198.51.100.23"


@pytest.mark.parametrize("garbage", ["not-an-address", "1.2.3.4\r\nX: y", "", " , "])
def test_a_forwarded_value_that_is_no_address_falls_back_to_remote_addr(settings, garbage):
    settings.PLP_NUM_PROXIES = 1

    assert client_address(request_from("127.0.0.1", garbage)) == "127.0.0.1"


def test_addresses_are_normalised(settings):
    settings.PLP_NUM_PROXIES = 1

    assert client_address(request_from("127.0.0.1", "2001:DB8:0:0::1")) == "2001:db8::1"


def test_varying_the_forwarded_header_does_not_escape_the_anonymous_rate_limit(db, settings):
    settings.PLP_PAGE_CACHE = False
    settings.PLP_NUM_PROXIES = 0
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_read": "2/minute", "user_write": "100/minute"},
    }
    api = APIClient()

    statuses = [
        api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_behind_a_proxy_each_client_has_its_own_rate_limit(db, settings):
    settings.PLP_PAGE_CACHE = False
    settings.PLP_NUM_PROXIES = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_read": "1/minute", "user_write": "100/minute"},
    }
    api = APIClient(REMOTE_ADDR="127.0.0.1")

    first = api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    again = api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.1")
    other = api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert [first.status_code, again.status_code, other.status_code] == [200, 429, 200]
