"""A loopback TCP proxy in front of a real service that can stall it or take it down.

Fault tests put it between the portal and PostgreSQL or Redis:

- ``stall()``: connections stay open and new ones are accepted, but nothing is forwarded
  either way, as when the server is frozen (SIGSTOP) or a network path silently drops packets;
- ``take_down()``: every connection is closed and new ones are closed at once, as when the
  server is stopped;
- ``restore()``: traffic flows again (connections accepted during a stall are then served).
"""

import contextlib
import select
import socket
import threading
import time

PASS, STALL, DOWN = "pass", "stall", "down"


class FaultProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.mode = PASS
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self._running = True
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    def stall(self) -> None:
        self.mode = STALL

    def take_down(self) -> None:
        self.mode = DOWN
        # At once, not at the forwarding threads' next look: the very next call must fail.
        with self._lock:
            for sock in self._open:
                _shut(sock)

    def restore(self) -> None:
        self.mode = PASS

    def close(self) -> None:
        self._running = False
        for thread in self._threads:
            thread.join(timeout=2)
        self._listener.close()

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            if self.mode == DOWN:
                client.close()
                continue
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        upstream = None
        with self._lock:
            self._open.add(client)
        try:
            while self._running and self.mode != DOWN:
                if self.mode == STALL:
                    time.sleep(0.01)
                    continue
                if upstream is None:
                    upstream = socket.create_connection(self.target, timeout=2)
                    with self._lock:
                        self._open.add(upstream)
                readable, _, _ = select.select([client, upstream], [], [], 0.02)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is client else client).sendall(data)
        except OSError:
            return
        finally:
            with self._lock:
                self._open.discard(client)
                self._open.discard(upstream)
            client.close()
            if upstream is not None:
                upstream.close()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by its thread
        sock.shutdown(socket.SHUT_RDWR)
