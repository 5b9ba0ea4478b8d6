"""PostgreSQL stalled or slow: a worker waits about a second and a half at most for a server
that answers nothing, a slow statement on a live server runs until its statement timeout,
and service returns by itself when the server does.

The portal reaches the real test database through a proxy that can stall it (nothing is
forwarded, as when the server is frozen or a network path drops packets) or stop it.
"""

import time

import pytest
from django.db import OperationalError, connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoPostgres

from plp_portal.postgresql.base import DatabaseWrapper
from plp_portal.postgresql.watchdog import Watchdog, calls_limited_to, server_answers, server_of
from tests.fault_proxy import FaultProxy

pytestmark = pytest.mark.postgres

MISSING_FINDING = "/en/findings/no-such-finding/"


def elapsed_since(started: float) -> float:
    return time.monotonic() - started


def wait_until(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still false after {seconds} s"
        time.sleep(0.05)


@pytest.fixture
def database_behind_proxy(transactional_db, settings):
    """The default connection goes through a proxy to the test database from now on."""
    settings.PLP_PAGE_CACHE = False  # every request reads the database
    settings_dict = connection.settings_dict
    original = settings_dict["HOST"], settings_dict["PORT"]
    proxy = FaultProxy(original[0] or "127.0.0.1", int(original[1] or 5432))
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    proxy.restore()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = original
    proxy.close()


def separate_connection(**changes) -> DatabaseWrapper:
    """A new connection to the test database, with these settings changed."""
    return DatabaseWrapper({**connection.settings_dict, **changes})


def test_the_default_database_is_reached_through_the_timed_backend():
    assert isinstance(connections["default"], DatabaseWrapper)
    assert isinstance(connections["default"], DjangoPostgres)


def test_a_stalled_database_costs_a_request_about_a_second_and_a_half(
    client, database_behind_proxy
):
    # A page that always asks the database; a connection is then open, and idle.
    assert client.get(MISSING_FINDING).status_code == 404

    database_behind_proxy.stall()
    started = time.monotonic()
    first = client.get(MISSING_FINDING)
    first_took = elapsed_since(started)
    started = time.monotonic()
    second = client.get(MISSING_FINDING)
    second_took = elapsed_since(started)

    assert (first.status_code, second.status_code) == (503, 503)
    assert first_took < 2.5
    # Known down: the next request does not wait for the server at all.
    assert second_took < 0.5


def test_readiness_fails_within_a_second_when_the_database_stalls(client, database_behind_proxy):
    database_behind_proxy.stall()

    started = time.monotonic()
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"
    assert elapsed_since(started) < 1.0


def test_service_returns_by_itself_when_the_database_does(client, database_behind_proxy):
    database_behind_proxy.take_down()
    assert client.get(MISSING_FINDING).status_code == 503

    database_behind_proxy.restore()

    wait_until(lambda: client.get("/readyz").status_code == 200, seconds=3)
    assert client.get(MISSING_FINDING).status_code == 404


def test_connecting_to_a_server_that_never_answers_gives_up(db):
    proxy = FaultProxy("127.0.0.1", int(connection.settings_dict["PORT"] or 5432))
    proxy.stall()
    stalled = separate_connection(HOST="127.0.0.1", PORT=proxy.port)
    try:
        started = time.monotonic()
        with pytest.raises(OperationalError):
            stalled.ensure_connection()
        first_took = elapsed_since(started)
        started = time.monotonic()
        with pytest.raises(OperationalError, match="not answering"):
            stalled.ensure_connection()
        second_took = elapsed_since(started)
    finally:
        proxy.close()

    # DATABASE_CONNECT_TIMEOUT (2 s): a timeout needs no sign-of-life probe to be believed.
    assert first_took < 2.4
    assert second_took < 0.1


def test_a_slow_statement_on_a_live_server_is_not_taken_for_a_stall(db):
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(1.8)")

    assert elapsed_since(started) >= 1.8


def test_the_statement_timeout_applies_to_processes_that_serve_requests(db, settings):
    settings.PLP_SERVES_REQUESTS = True
    settings.DATABASE_STATEMENT_TIMEOUT = 1.0
    serving = separate_connection()
    try:
        with serving.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("1s",)
            started = time.monotonic()
            with pytest.raises(OperationalError, match="statement timeout"):
                cursor.execute("SELECT pg_sleep(3)")
        assert elapsed_since(started) < 2.0
    finally:
        serving.close()


def test_management_commands_run_without_the_statement_timeout(db, settings):
    settings.PLP_SERVES_REQUESTS = False
    command = separate_connection()
    try:
        with command.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("0",)
        assert command.get_connection_params()["connect_timeout"] == 2
    finally:
        command.close()


def test_the_sign_of_life_probe_tells_a_live_server_from_a_stalled_one(db):
    proxy = FaultProxy("127.0.0.1", int(connection.settings_dict["PORT"] or 5432))
    try:
        live = server_answers(server_of({"HOST": "127.0.0.1", "PORT": proxy.port}))
        proxy.stall()
        started = time.monotonic()
        stalled = server_answers(server_of({"HOST": "127.0.0.1", "PORT": proxy.port}))
        probe_took = elapsed_since(started)
    finally:
        proxy.close()

    assert (live, stalled) == (True, False)
    assert probe_took < 0.7


def test_a_call_past_its_time_limit_is_cut_even_on_a_live_server(db):
    limited = separate_connection()
    try:
        with limited.cursor() as cursor, calls_limited_to(0.5):
            started = time.monotonic()
            with pytest.raises(OperationalError):
                cursor.execute("SELECT pg_sleep(3)")
        assert elapsed_since(started) < 1.0
    finally:
        limited.close()


def test_a_server_marked_down_before_any_call_is_found_again(db):
    # A worker started during an outage never made a call: its watch must still run.
    watch = Watchdog()
    server = server_of(connection.settings_dict)

    watch.mark_down(server, "refused a connection")

    wait_until(lambda: not watch.is_down(server), seconds=2)
