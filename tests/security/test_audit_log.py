"""The audit log: one JSON object a line, who (an account's id, never a name), what, when
(UTC), from which address, in which request."""

import datetime as dt
import json
import logging
import re
import uuid

import pytest

from plp_portal.audit_log import AuditFormatter, audit


def record(entry: dict, created: float) -> logging.LogRecord:
    log_record = logging.LogRecord("plp.audit", logging.INFO, __file__, 1, "", None, None)
    log_record.created = created
    log_record.audit = entry
    return log_record


def test_a_line_is_one_json_object_with_the_time_first():
    created = dt.datetime(2025, 3, 4, 5, 6, 7, 891000, tzinfo=dt.UTC).timestamp()
    entry = {"event": "login", "user": 7, "address": "203.0.113.7", "request_id": "abc"}

    line = AuditFormatter().format(record(entry, created))

    assert line == (
        '{"time":"2025-03-04T05:06:07.891Z","event":"login","user":7,'
        '"address":"203.0.113.7","request_id":"abc"}'
    )


def test_line_breaks_and_other_controls_are_escaped_so_no_line_can_be_forged():
    created = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC).timestamp()
    forged = 'x\r\n{"time":"2025-01-01T00:00:00.000Z","event":"login","user":1}\u2028'

    line = AuditFormatter().format(record({"event": "test", "detail": forged}, created))

    assert "\n" not in line and "\r" not in line and "\u2028" not in line
    assert line == (
        '{"time":"2025-03-04T05:06:07.000Z","event":"test","detail":'
        '"x\\r\\n{\\"time\\":\\"2025-01-01T00:00:00.000Z\\",\\"event\\":\\"login\\",'
        '\\"user\\":1}\\u2028"}'
    )


def test_outside_a_request_an_event_has_no_address_or_request_id(audit_log):
    audit("test_event", user_id=3, finding=12)

    assert audit_log.entries() == [
        {"event": "test_event", "user": 3, "address": None, "request_id": None, "finding": 12}
    ]


def test_every_response_carries_a_request_id(client, db):
    first = client.get("/healthz")
    second = client.get("/healthz")

    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxy_s_request_id_is_kept(client, db):
    nginx_id = uuid.uuid4().hex

    response = client.get("/healthz", HTTP_X_REQUEST_ID=nginx_id)

    assert response["X-Request-ID"] == nginx_id


@pytest.mark.parametrize("hostile", ["a" * 200, "abc def", "x\ny", "<script>", "é" * 10, ""])
def test_a_request_id_that_is_not_a_plain_token_is_replaced(client, db, hostile):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)

    assert response["X-Request-ID"] != hostile
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_audit_lines_written_in_a_request_carry_its_address_and_id(client, db, audit_log):
    client.post(
        "/en/accounts/login/",
        {"username": "nobody", "password": "wrong"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef",
    )

    (entry,) = audit_log.entries()
    assert entry["address"] == "203.0.113.9"
    assert entry["request_id"] == "0123456789abcdef0123456789abcdef"
    assert json.dumps(entry)  # plain JSON values only


def test_a_page_from_the_cache_carries_its_own_request_id(
    client, db, settings, django_assert_num_queries
):
    settings.PLP_PAGE_CACHE = True
    first = client.get("/api/v1/sdgs/")
    with django_assert_num_queries(0):  # served from the page cache
        second = client.get("/api/v1/sdgs/")

    assert first.status_code == second.status_code == 200
    assert first["X-Request-ID"] != second["X-Request-ID"]
