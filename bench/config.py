"""What a benchmark run measures and where: sizes, databases, ports, durations.

Every value can be changed by an environment variable (BENCH_*), so a quick run or a
longer, quieter one needs no code change.
"""

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# The measured server runs from an installation without the development tools (`make bench`
# makes it), as production does: with them, DRF's optional imports would load requests and
# Pygments (brought by schemathesis and pytest) into every worker, ~8 MiB production lacks.
PRODUCTION_VENV = ROOT / ".venv-production"
GUNICORN = str(PRODUCTION_VENV / "bin" / "gunicorn")
RESULTS_DIR = ROOT / "bench" / "results"
REPORT = ROOT / "docs" / "performance.md"
LUA_SCRIPT = ROOT / "bench" / "wrk_summary.lua"


@dataclass(frozen=True)
class Size:
    findings: int
    consortia: int
    database: str

    @property
    def database_url(self) -> str:
        return f"{POSTGRES_URL}/{self.database}"


POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
_PREFIX = os.environ.get("BENCH_DB_PREFIX", "plp_bench_")
SIZES = {
    1_000: Size(findings=1_000, consortia=20, database=f"{_PREFIX}1k"),
    10_000: Size(findings=10_000, consortia=60, database=f"{_PREFIX}10k"),
    100_000: Size(findings=100_000, consortia=200, database=f"{_PREFIX}100k"),
}
SEED = int(os.environ.get("BENCH_SEED", "1"))

# Servers listen on 127.0.0.1 only; Redis is one database of the local server, flushed freely.
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8505"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
WORKERS = 2

# Load: wrk only counts whole seconds. Per URL, with the defaults: 2 s (to 5 s) with one
# client, 3 x (1 s baseline, 1 s page) at 10 connections, then 1 x (1 s, 1 s) with the page
# cache on: about 25 minutes for the three sizes on two cores, data generation included.
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "10"))
SLICE_SECONDS = int(os.environ.get("BENCH_SLICE_SECONDS", "1"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LATENCY_SECONDS = int(os.environ.get("BENCH_LATENCY_SECONDS", "2"))
# A slow page gets longer (up to the maximum) so that its percentiles rest on enough requests.
LATENCY_MIN_REQUESTS = int(os.environ.get("BENCH_LATENCY_MIN_REQUESTS", "40"))
LATENCY_MAX_SECONDS = int(os.environ.get("BENCH_LATENCY_MAX_SECONDS", "5"))
CACHED_ROUNDS = int(os.environ.get("BENCH_CACHED_ROUNDS", "1"))
RSS_SAMPLE_SECONDS = 0.5
# A page slower than this for one request is not loaded with 10 connections: each second of
# load would leave seconds of queued requests behind, and it misses every target anyway.
SLOW_MS = int(os.environ.get("BENCH_SLOW_MS", "500"))

BASELINE_PATH = "/_bench/baseline/"
