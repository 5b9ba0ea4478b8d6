"""The database unreachable: pages answer a friendly 503, the API a 503 in its error shape.

The failure is injected where the driver's would surface, through Django's execute wrappers:
every query fails as it does when PostgreSQL is stopped or a connection has been cut.
"""

import logging

import pytest
from django.db import InterfaceError, OperationalError, connection

pytestmark = pytest.mark.django_db


def refused(execute, sql, params, many, context):
    raise OperationalError(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    )


def closed(execute, sql, params, many, context):
    raise InterfaceError("connection already closed")


def test_a_page_answers_503_while_the_database_is_unreachable(client, published_finding):
    with connection.execute_wrapper(refused):
        response = client.get(published_finding.get_absolute_url())

    assert response.status_code == 503
    assert [t.name for t in response.templates] == ["503.html"]
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "<h1>The portal is unavailable for a moment</h1>" in page
    assert "We cannot reach our data right now. Please try again in a minute." in page


def test_a_page_answers_503_when_the_connection_was_closed_under_it(client, published_finding):
    with connection.execute_wrapper(closed):
        response = client.get("/en/findings/")

    assert response.status_code == 503


def test_the_api_answers_503_in_its_error_shape(client, published_finding):
    with connection.execute_wrapper(refused):
        response = client.get("/api/v1/findings/")

    assert response.status_code == 503
    assert response.json() == {
        "detail": "The service is unavailable for a moment; try again shortly.",
        "code": "service_unavailable",
        "retry_after": 10,
    }
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"


def test_a_member_s_page_answers_503_while_the_database_is_unreachable(client, member_a):
    client.force_login(member_a)
    # The session is read by middleware (second step, session policy), before any view.
    client.raise_request_exception = False

    with connection.execute_wrapper(refused):
        response = client.get("/en/me/")

    assert response.status_code == 503
    assert [t.name for t in response.templates] == ["503.html"]


def test_the_page_is_served_again_once_the_database_answers(client, published_finding):
    with connection.execute_wrapper(refused):
        unavailable = client.get(published_finding.get_absolute_url())
    available = client.get(published_finding.get_absolute_url())

    assert (unavailable.status_code, available.status_code) == (503, 200)
    assert "Many legal entities, one set of values" in available.content.decode()


def test_liveness_does_not_depend_on_the_database(client):
    with connection.execute_wrapper(refused):
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_an_error_page_that_needs_the_database_answers_503_too(client, member_a):
    # The 404 page shows who is signed in: its session is read outside any view.
    client.force_login(member_a)
    client.raise_request_exception = False

    with connection.execute_wrapper(refused):
        response = client.get("/no-such-page/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"


def test_an_outage_is_logged_once_not_once_per_request(client, published_finding, caplog):
    client.raise_request_exception = False

    with caplog.at_level(logging.INFO), connection.execute_wrapper(refused):
        for _ in range(3):
            assert client.get(published_finding.get_absolute_url()).status_code == 503

    # One warning per minute at most (another test may have started this minute's).
    assert [r.name for r in caplog.records if r.name != "plp_portal.unavailable"] == []
    assert len(caplog.records) <= 1
