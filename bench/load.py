"""Load with wrk on 127.0.0.1: timed runs, baseline/page alternation, single requests."""

import http.client
import json
import subprocess
import time
from dataclasses import dataclass

from .config import BASELINE_PATH, HOST, LUA_SCRIPT, PORT


@dataclass(frozen=True)
class Run:
    """One wrk run's summary; latencies in milliseconds."""

    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(path: str, *, connections: int, seconds: int) -> Run:
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout=10s",
        f"--script={LUA_SCRIPT}",
        f"http://{HOST}:{PORT}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    _drain()
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    summary = json.loads(line.removeprefix("BENCH "))
    return Run(
        requests=summary["requests"],
        seconds=summary["duration_us"] / 1e6,
        errors=summary["socket_errors"] + summary["status_errors"],
        p50=summary["p50"] / 1000,
        p95=summary["p95"] / 1000,
        p99=summary["p99"] / 1000,
    )


def _drain() -> None:
    """Wait for the requests wrk left queued when it stopped: the server answers them
    anyway, and they would slow the next measurement. The accept queue is first in, first
    out, so a new request answered means the older ones were taken; a second one lets
    the other worker finish."""
    for _ in range(2):
        get(BASELINE_PATH)


@dataclass(frozen=True)
class Comparison:
    page_rps: float
    baseline_rps: float
    errors: int

    @property
    def ratio(self) -> float:
        return self.page_rps / self.baseline_rps if self.baseline_rps else 0.0


def alternate(path: str, *, connections: int, rounds: int, seconds: int) -> Comparison:
    """Requests/s of ``path`` and of the baseline from interleaved slices of the same length,
    so that whatever else the machine does weighs on both alike."""
    page, baseline = [], []
    for _ in range(rounds):
        baseline.append(wrk(BASELINE_PATH, connections=connections, seconds=seconds))
        page.append(wrk(path, connections=connections, seconds=seconds))

    def rps(runs: list[Run]) -> float:
        return sum(run.requests for run in runs) / sum(run.seconds for run in runs)

    return Comparison(
        page_rps=rps(page), baseline_rps=rps(baseline), errors=sum(run.errors for run in page)
    )


def get(path: str) -> tuple[int, float]:
    """One request: its status and latency in milliseconds, body read to the end."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response.status, (time.perf_counter() - started) * 1000
