"""Every wait of this process on PostgreSQL, watched, so that a stalled server costs a request
about a second and a half, never a worker.

PostgreSQL cancels a statement that runs past its ``statement_timeout`` itself, and a server
that is stopped refuses connections at once. A server that is *stalled* (frozen, swapping, its
host gone, a network path that drops packets) answers nothing at all, and a worker waiting for
it would wait until gunicorn kills it. So one background thread per process watches the calls
that wait on PostgreSQL (every psycopg wait, including commits and Django's health checks):

- a call waiting longer than PROBE_AFTER makes it ask the server for a sign of life: a
  GSSENCRequest, which the server answers with one byte before any login, and which leaves no
  line in its log. No answer within PROBE_TIMEOUT means the server is stalled: every call
  waiting on it is cut (its socket shut down, so the worker gets an OperationalError at once
  and answers 503), and the server is marked down;
- a call waiting past its limit (the statement timeout plus GRACE: the server should have
  cancelled it itself) is cut whatever the probe says;
- while a server is marked down, connecting to it fails at once and a call on an existing
  connection is cut as it starts; the thread asks it every RETRY_SECONDS, and the first answer
  ends the outage: service returns by itself.

A slow statement on a live server (a heavy report, a lock wait) is not a stall: the server
answers the probe, and the statement runs until its statement timeout.
"""

import contextlib
import itertools
import logging
import os
import socket
import struct
import threading
import time
import weakref
from dataclasses import dataclass

logger = logging.getLogger(__name__)

PROBE_AFTER = 1.0
PROBE_TIMEOUT = 0.5
RETRY_SECONDS = 0.5
GRACE = 1.0
_TICK = 0.05
# The protocol's request for GSSAPI encryption: answered "G" or "N" before authentication.
_GSSENC_REQUEST = struct.pack("!ii", 8, 80877104)


@dataclass(frozen=True)
class Server:
    host: str  # a host name or address, or the directory of a Unix socket
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def server_of(settings_dict: dict) -> Server | None:
    """The one server a connection's settings name; None for several hosts (not probed)."""
    host = settings_dict.get("HOST") or "/var/run/postgresql"
    if "," in host:
        return None
    return Server(host, int(settings_dict.get("PORT") or 5432))


def server_answers(server: Server, timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether the server answers a GSSENCRequest within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    try:
        if server.host.startswith("/"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(os.path.join(server.host, f".s.PGSQL.{server.port}"))
        else:
            sock = socket.create_connection((server.host, server.port), timeout=timeout)
        with sock:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            sock.sendall(_GSSENC_REQUEST)
            return sock.recv(1) in (b"G", b"N")
    except OSError:
        return False


@dataclass
class _Wait:
    fd: int
    server: Server | None
    started: float
    deadline: float | None
    cut: bool = False


_call_limit = threading.local()


@contextlib.contextmanager
def calls_limited_to(seconds: float):
    """Calls on PostgreSQL made by this thread inside the block are cut after `seconds`."""
    previous = getattr(_call_limit, "seconds", None)
    _call_limit.seconds = seconds
    try:
        yield
    finally:
        _call_limit.seconds = previous


class Watchdog:
    def __init__(self):
        self._lock = threading.Lock()
        self._waits: dict[int, _Wait] = {}
        self._down: dict[Server, float] = {}
        self._next_probe: dict[Server, float] = {}
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def is_down(self, server: Server | None) -> bool:
        return server in self._down

    def watch(self, fd: int, server: Server | None, limit: float | None) -> int:
        override = getattr(_call_limit, "seconds", None)
        if override is not None:
            limit = override if limit is None else min(limit, override)
        now = time.monotonic()
        token = next(self._tokens)
        with self._lock:
            self._waits[token] = _Wait(fd, server, now, now + limit if limit else None)
            if server in self._down:
                self._cut(token)
            self._keep_watching()
        return token

    def unwatch(self, token: int) -> None:
        with self._lock:
            del self._waits[token]

    def mark_down(self, server: Server | None, reason: str) -> None:
        if server is None:
            return
        with self._lock:
            if server in self._down:
                return
            self._down[server] = time.monotonic()
            self._next_probe[server] = time.monotonic() + RETRY_SECONDS
            # Someone must ask it again, even in a worker that never made a call.
            self._keep_watching()
            cut = [token for token, wait in self._waits.items() if wait.server == server]
            for token in cut:
                self._cut(token)
        logger.warning(
            "database at %s not answering (%s): %d waiting calls cut; requests answer 503 "
            "until it answers again",
            server,
            reason,
            len(cut),
        )

    def _keep_watching(self) -> None:
        """Start the watching thread if it is not running (the lock is held)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _mark_up(self, server: Server) -> None:
        with self._lock:
            since = self._down.pop(server)
        logger.warning(
            "database at %s answering again after %.1f s", server, time.monotonic() - since
        )

    def _cut(self, token: int) -> None:
        """Shut the socket of a waiting call (the lock is held: the call cannot end meanwhile,
        so its file descriptor is still its connection's)."""
        wait = self._waits[token]
        if wait.cut:
            return
        wait.cut = True
        with contextlib.suppress(OSError):
            sock = socket.socket(fileno=os.dup(wait.fd))
            with sock:
                sock.shutdown(socket.SHUT_RDWR)

    def _run(self) -> None:
        while True:
            time.sleep(_TICK)
            try:
                self._look()
            except Exception:  # the watch must go on whatever one look met
                logger.exception("database watchdog: unexpected error")

    def _look(self) -> None:
        """Cut what waited too long; probe the servers of calls waiting long, and those down."""
        now = time.monotonic()
        with self._lock:
            overdue = [t for t, w in self._waits.items() if w.deadline and now >= w.deadline]
            for token in overdue:
                if not self._waits[token].cut:
                    logger.warning("database call cut after its time limit")
                self._cut(token)
            suspects = {
                w.server
                for w in self._waits.values()
                if w.server is not None and not w.cut and now - w.started >= PROBE_AFTER
            }
            to_probe = [
                server
                for server in suspects | set(self._down)
                if now >= self._next_probe.get(server, 0)
            ]
        for server in to_probe:
            answers = server_answers(server)
            self._next_probe[server] = time.monotonic() + (
                RETRY_SECONDS if server in self._down or not answers else PROBE_AFTER
            )
            if answers and server in self._down:
                self._mark_up(server)
            elif not answers:
                self.mark_down(server, f"no sign of life within {PROBE_TIMEOUT} s")


_watchdog = Watchdog()


def watchdog() -> Watchdog:
    return _watchdog


def _new_watchdog_in_child() -> None:
    # Threads do not survive a fork: a worker forked from a preloaded master starts afresh.
    global _watchdog
    _watchdog = Watchdog()


os.register_at_fork(after_in_child=_new_watchdog_in_child)


def watch_waits(connection, server: Server | None, limit: float | None) -> None:
    """Have every wait of a psycopg connection watched (psycopg's cursors, commits and
    rollbacks all wait through ``Connection.wait``)."""
    wait = type(connection).wait
    connection_ref = weakref.ref(connection)  # no cycle through the connection's own attribute

    def watched_wait(gen, *args, **kwargs):
        watched = connection_ref()
        token = _watchdog.watch(watched.fileno(), server, limit)
        try:
            return wait(watched, gen, *args, **kwargs)
        finally:
            _watchdog.unwatch(token)

    connection.wait = watched_wait
