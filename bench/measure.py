"""One size's measurements under gunicorn: page cache off (the main figures), then on."""

import math
import subprocess
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from . import config
from .load import alternate, get, sequential
from .server import Gunicorn

WARM_UP_REQUESTS = 3


def flush_redis() -> None:
    """Empty the benchmark's Redis database: every cache cold again."""
    url = urlsplit(config.REDIS_URL)
    database = url.path.strip("/") or "0"
    command = ["redis-cli", "-h", url.hostname, "-p", str(url.port or 6379), "-n", database]
    subprocess.run([*command, "flushdb"], check=True, capture_output=True)


def _warm_up(paths: list[str]) -> None:
    """Load code and templates in both workers, so that "cold" means the caches only."""
    for path in [config.BASELINE_PATH, *paths]:
        for _ in range(WARM_UP_REQUESTS):
            get(path)


def _latency_seconds(request_ms: float) -> int:
    wanted = math.ceil(config.LATENCY_MIN_REQUESTS * request_ms / 1000)
    return min(config.LATENCY_MAX_SECONDS, max(config.LATENCY_SECONDS, wanted))


def _page_cache_off(rows: list[dict], log) -> dict:
    baseline = sequential(config.BASELINE_PATH, seconds=config.LATENCY_SECONDS)
    for number, row in enumerate(rows, 1):
        flush_redis()
        row["status"], row["cold_off_ms"] = get(row["path"])
        if row["status"] != 200:
            log(f"  {number}/{len(rows)} {row['path']}: {row['status']}, not loaded")
            continue
        _, warm_ms = get(row["path"])
        single = sequential(row["path"], seconds=_latency_seconds(warm_ms))
        row["latency"] = asdict(single) | {"rps": single.rps}
        if warm_ms > config.SLOW_MS:
            row["off_too_slow_ms"] = warm_ms
            log(f"  {number}/{len(rows)} {row['path']}: {warm_ms:.0f} ms, too slow to load")
            continue
        comparison = alternate(
            row["path"],
            connections=config.CONNECTIONS,
            rounds=config.ROUNDS,
            seconds=config.SLICE_SECONDS,
        )
        row["off"] = asdict(comparison) | {"ratio": comparison.ratio}
        log(
            f"  {number}/{len(rows)} {row['path']}: {comparison.page_rps:.0f} req/s "
            f"({comparison.ratio:.3f} of baseline), p95 {row['latency']['p95']:.1f} ms"
        )
    return asdict(baseline) | {"rps": baseline.rps}


def _page_cache_on(rows: list[dict], log) -> None:
    for number, row in enumerate(rows, 1):
        if row.get("status") != 200:
            continue
        flush_redis()
        _, row["cold_on_ms"] = get(row["path"])
        _, warm_ms = get(row["path"])
        if warm_ms > config.SLOW_MS:
            row["on_too_slow_ms"] = warm_ms
            log(f"  {number}/{len(rows)} {row['path']}: cached {warm_ms:.0f} ms, too slow to load")
            continue
        comparison = alternate(
            row["path"],
            connections=config.CONNECTIONS,
            rounds=config.CACHED_ROUNDS,
            seconds=config.SLICE_SECONDS,
        )
        row["on"] = asdict(comparison) | {"ratio": comparison.ratio}
        log(
            f"  {number}/{len(rows)} {row['path']}: cached {comparison.page_rps:.0f} req/s "
            f"({comparison.ratio:.3f})"
        )


def measure_size(rows: list[dict], environments: dict[bool, dict], log_dir: Path, log) -> dict:
    """Fill ``rows`` (one per target) in place; return the baseline and memory figures."""
    paths = [row["path"] for row in rows]
    memory = {}
    log("  page cache off: 1 client, then baseline/page alternating")
    with Gunicorn(environments[False], log_dir / "gunicorn.log") as server:
        _warm_up(paths)
        baseline = _page_cache_off(rows, log)
    memory["page cache off"] = server.memory()
    log("  page cache on: cold first request, then warm alternating")
    with Gunicorn(environments[True], log_dir / "gunicorn.log") as server:
        _warm_up(paths)
        _page_cache_on(rows, log)
    memory["page cache on"] = server.memory()
    return {"baseline": baseline, "memory": memory}
