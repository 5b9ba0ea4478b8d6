"""Load on 127.0.0.1: wrk for throughput (timed runs, baseline/page alternation); one
client of our own for latency; single requests."""

import http.client
import json
import subprocess
import time
from dataclasses import dataclass

from .config import BASELINE_PATH, HOST, LUA_SCRIPT, PORT


@dataclass(frozen=True)
class Run:
    """One run's summary (wrk's or ``sequential``'s); latencies in milliseconds."""

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


def sequential(path: str, *, seconds: float) -> Run:
    """Latency as one visitor sees it: requests one after another for ``seconds``, each on a
    new connection (gunicorn's sync workers close every connection), every request timed.

    Not wrk: with a server that closes each connection, wrk's latency histogram disagrees
    with its own request count (at 100,000 findings a 28 KiB calendar gave 4,074 requests in
    10 s with a p95 of 42 ms and a p99 of 115 ms, more time than the run had), so its
    percentiles are not used for latency.
    """
    timings: list[float] = []
    errors = 0
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        status, milliseconds = get(path)
        timings.append(milliseconds)
        errors += not 200 <= status < 400
    timings.sort()

    def percentile(fraction: float) -> float:
        return timings[min(len(timings) - 1, int(len(timings) * fraction))]

    return Run(
        requests=len(timings),
        seconds=time.perf_counter() - started,
        errors=errors,
        p50=percentile(0.50),
        p95=percentile(0.95),
        p99=percentile(0.99),
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
