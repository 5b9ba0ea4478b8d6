"""`make bench`: measure every size asked for and write docs/performance.md.

    python -m bench.run --sizes 1000,10000,100000 [--regenerate]

Each size: its database (generated once, bench/data.py), the addresses to measure and
their queries per request (in-process, bench/inprocess.py), then gunicorn under wrk with
the page cache off and on (bench/measure.py). Then a profile of the slowest pages at the
largest size, and the report (bench/report.py). Raw figures go to bench/results/.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import config, machine, report
from .data import ensure_database
from .environment import portal_environment
from .measure import measure_size

PROFILED_PAGES = 3
# Debian packages: wrk, redis-tools, postgresql-client.
TOOLS = ["wrk", "redis-cli", "psql"]


def _log(message: str) -> None:
    print(message, flush=True)


def _in_process(env: dict, *arguments: str) -> None:
    command = [config.PYTHON, "-m", "bench.inprocess", *arguments]
    subprocess.run(command, cwd=config.ROOT, env=env, check=True)


def _read_json(path: Path):
    with open(path) as file:
        return json.load(file)


def _parse_sizes(text: str) -> list[int]:
    sizes = [int(item) for item in text.replace(",", " ").split()]
    unknown = [size for size in sizes if size not in config.SIZES]
    if unknown:
        raise SystemExit(f"unknown sizes {unknown}; choose among {sorted(config.SIZES)}")
    return sorted(set(sizes))


def _measure(findings: int, work: Path, static_root: str, regenerate: bool) -> dict:
    size = config.SIZES[findings]
    started = time.monotonic()
    _log(f"== {findings:,} findings ({size.database})")
    ensure_database(size, regenerate=regenerate, log=_log)
    environments = {
        cached: portal_environment(size, page_cache=cached, static_root=static_root)
        for cached in (False, True)
    }
    targets_file, queries_file = (
        work / f"targets-{findings}.json",
        work / f"queries-{findings}.json",
    )
    _in_process(environments[False], "targets", str(targets_file))
    _in_process(environments[False], "queries", str(targets_file), str(queries_file))
    queries = _read_json(queries_file)
    rows = [
        target | {"queries": queries[target["path"]]["queries"]}
        for target in _read_json(targets_file)
    ]
    _log(f"  {len(rows)} addresses; queries per request counted")
    figures = measure_size(rows, environments, work, _log)
    result = {
        "findings": findings,
        "consortia": size.consortia,
        "database": size.database,
        "rows": rows,
        **figures,
        "seconds": round(time.monotonic() - started),
    }
    config.RESULTS_DIR.mkdir(exist_ok=True)
    with open(config.RESULTS_DIR / f"{findings}.json", "w") as file:
        json.dump(result, file, indent=1)
    _log(f"  {findings:,} findings measured in {result['seconds']} s")
    return result


def _profile_slowest(result: dict, work: Path, static_root: str) -> dict[str, str]:
    """pyinstrument profiles of the slowest pages (one client, p95) at this size."""
    measured = [row for row in result["rows"] if row.get("latency")]
    slowest = sorted(measured, key=lambda row: row["latency"]["p95"], reverse=True)
    paths = [row["path"] for row in slowest[:PROFILED_PAGES]]
    _log(f"== profiling at {result['findings']:,} findings: {', '.join(paths)}")
    size = config.SIZES[result["findings"]]
    env = portal_environment(size, page_cache=False, static_root=static_root)
    out = work / "profiles.json"
    _in_process(env, "profile", str(out), *paths)
    return _read_json(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--regenerate",
        action="store_true",
        default=os.environ.get("BENCH_REGENERATE", "") not in {"", "0", "false"},
        help="generate every size's data again (also BENCH_REGENERATE=1)",
    )
    arguments = parser.parse_args()
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        raise SystemExit(
            f"missing {', '.join(missing)}: apt-get install -y wrk redis-tools postgresql-client"
        )
    sizes = _parse_sizes(arguments.sizes)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="plp-bench-") as work_dir:
        work = Path(work_dir)
        static_root = str(work / "static")
        env = portal_environment(config.SIZES[sizes[0]], page_cache=False, static_root=static_root)
        subprocess.run(
            [config.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=config.ROOT,
            env=env,
            check=True,
        )
        results = [
            _measure(findings, work, static_root, arguments.regenerate) for findings in sizes
        ]
        profiles = _profile_slowest(results[-1], work, static_root)
    report.write(
        results,
        profiles=profiles,
        machine=machine.describe(),
        total_seconds=round(time.monotonic() - started),
    )
    _log(f"== wrote {config.REPORT.relative_to(config.ROOT)} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
