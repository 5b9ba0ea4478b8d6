"""Load and observation for the fault tests: wrk over a mix of pages, and a prober that asks
for readiness and for a page the cache cannot hold, one request at a time, noting each answer's
status and how long it took."""

import http.client
import json
import secrets
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
LUA_SCRIPT = Path(__file__).resolve().parent / "fault_mix.lua"


def get(port: int, path: str, timeout: float = 30.0) -> tuple[int, float]:
    """Status and seconds of one GET (status 0: no answer at all)."""
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started
    finally:
        connection.close()


def wrk_mix(port: int, paths: list[str], *, connections: int, seconds: int) -> dict:
    """wrk's summary of `seconds` of load over `paths`; latencies in milliseconds."""
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout=10s",
        f"--script={LUA_SCRIPT}", f"http://{HOST}:{port}/", "--", secrets.token_hex(4), *paths,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("FAULTS "))
    summary = json.loads(line.removeprefix("FAULTS "))
    for key in ("p50", "p90", "p99", "max"):
        summary[key] = round(summary[key] / 1000, 1)
    summary["seconds"] = round(summary.pop("duration_us") / 1e6, 1)
    return summary


@dataclass(frozen=True)
class Probe:
    at: float  # seconds since the prober started
    path: str
    status: int
    seconds: float


class Prober:
    """Asks `paths` in turn, one request at a time, every `interval` seconds, until stopped."""

    def __init__(self, port: int, paths: list[str], interval: float = 0.1):
        self.port, self.paths, self.interval = port, paths, interval
        self.probes: list[Probe] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "Prober":
        self.started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        run, count = secrets.token_hex(4), 0  # a query no earlier run asked either
        while not self._stop.is_set():
            for path in self.paths:
                count += 1
                asked = f"{path}{'&' if '?' in path else '?'}probe={run}-{count}"
                at = time.monotonic() - self.started
                status, seconds = get(self.port, asked)
                self.probes.append(Probe(round(at, 2), path, status, round(seconds, 3)))
            self._stop.wait(self.interval)

    def of(self, path: str, start: float = 0.0, end: float = float("inf")) -> list[Probe]:
        return [p for p in self.probes if p.path == path and start <= p.at < end]
