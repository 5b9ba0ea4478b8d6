"""docs/performance.md from a run's figures. `python -m bench.report` writes it again from
bench/results/run.json (the last run) without measuring anything."""

import json

from . import config
from .verdicts import Verdict, judge

RUN_FILE = config.RESULTS_DIR / "run.json"
MISSES_LISTED = 6


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _rps(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _setup(run: dict) -> list[str]:
    machine = run["machine"]
    sizes = ", ".join(f"{result['findings']:,}" for result in run["results"])
    missing = [f"{findings:,}" for findings in config.SIZES if findings not in run["sizes"]]
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` (bench/run.py) on {machine['date']}, in {run['seconds'] // 60} "
        f"min {run['seconds'] % 60} s. **Sizes measured: {sizes} findings**"
        + (f"; not measured in this run: {', '.join(missing)}." if missing else "."),
        "",
        "Other work ran on the same two cores during this run, so absolute figures are noisy; "
        "the ratios to the minimal view, measured in interleaved slices, are the figures to "
        "compare across runs.",
        "",
        "## Setup",
        "",
        f"- Machine: {machine['cpu']}, {machine['memory']}, {machine['system']}; load average "
        f"at the end {machine['load average at the end (1, 5, 15 min)']}.",
        f"- Software: Python {machine['python']}, Django {machine['django']}, "
        f"{machine['gunicorn']}, PostgreSQL {machine['postgresql']}, {machine['redis'][:22]}, "
        f"{machine['wrk'].split(' Copyright')[0]}.",
        f"- Server: gunicorn, {config.WORKERS} sync workers, `DJANGO_DEBUG=false`, PostgreSQL "
        "and Redis (`REDIS_URL`), everything on 127.0.0.1; installed as in production, "
        "without the development tools (`pip install -e .` in `.venv-production`).",
        "- Data: `manage.py generate_data --consortia N --findings M --seed "
        f"{config.SEED}` into one database per size ("
        + ", ".join(
            f"{findings:,} findings / {size.consortia} consortia"
            for findings, size in config.SIZES.items()
        )
        + "), then `ANALYZE`; generated once and reused.",
        "- Addresses: chosen from the database at run time (the newest published finding with "
        "related findings, the theme, SDG and consortium with most findings, the organisation "
        "with most memberships, the person with most contributions, the published event with "
        "most contributions).",
        f"- **Minimal view**: `{config.BASELINE_PATH}` (`PLP_BENCH_BASELINE=true`), one small "
        "template, no database, same gunicorn, same run.",
        f"- **Requests/s and ratio**: wrk, 2 threads, {config.CONNECTIONS} connections, "
        f"{config.ROUNDS} × ({config.SLICE_SECONDS} s minimal view, {config.SLICE_SECONDS} s "
        "page) alternating; ratio = page requests/s ÷ minimal view requests/s over the same "
        "slices.",
        f"- **Latency**: one client, requests one after another for at least "
        f"{config.LATENCY_SECONDS} s (and {config.LATENCY_MIN_REQUESTS} requests, up to "
        f"{config.LATENCY_MAX_SECONDS} s), each on a new connection as gunicorn's sync workers "
        "close every connection; every request timed, body read to the end; p50/p95/p99 in ms. "
        "Not wrk: with a server closing each connection, wrk's latency histogram disagrees with "
        "its own request count (bench/load.py `sequential`).",
        "- **Page cache**: the main figures with `PLP_PAGE_CACHE=false`; then a second gunicorn "
        f"with `PLP_PAGE_CACHE=true`, {config.CACHED_ROUNDS} × ({config.SLICE_SECONDS} s, "
        f"{config.SLICE_SECONDS} s) alternating, warm (a build without the page cache ignores "
        "the variable: its cached columns repeat the others, within the noise).",
        "- **Cold**: the Redis database flushed before each address; the first request's "
        "latency (ms), with the page cache off and on.",
        "- **Queries per request**: Django's test client on the same database with "
        "`CaptureQueriesContext`, the second request to each address (page cache off).",
        "- **Memory**: resident memory of each worker sampled every "
        f"{config.RSS_SAMPLE_SECONDS} s (`ps --ppid`); peak, and after the run.",
        "- Run it: `make bench` (all sizes), `make bench SIZES=1000` (quick), "
        "`make bench REGENERATE=1` (make the data again); durations via `BENCH_*` variables "
        "(bench/config.py).",
        "",
    ]
    return lines


def _misses(verdict: Verdict) -> str:
    if len(verdict.misses) <= MISSES_LISTED:
        return "; ".join(verdict.misses)
    listed = "; ".join(verdict.misses[:MISSES_LISTED])
    return f"{len(verdict.misses)} misses: {listed}; …"


def _targets(verdicts: list[Verdict]) -> list[str]:
    lines = [
        "## Targets",
        "",
        "| target | result | measured | misses, by how much |",
        "| --- | --- | --- | --- |",
    ]
    for verdict in verdicts:
        misses = _misses(verdict)
        label = f"**{verdict.label}**" if verdict.label == "MISS" else verdict.label
        lines.append(f"| {verdict.target} | {label} | {verdict.detail} | {misses} |")
    return [*lines, ""]


def _size_table(result: dict) -> list[str]:
    baseline = result["baseline"]
    reference = next((row["off"]["baseline_rps"] for row in result["rows"] if row.get("off")), None)
    lines = [
        f"## {result['findings']:,} findings, {result['consortia']} consortia",
        "",
        f"Minimal view: about {_rps(reference)} requests/s at {config.CONNECTIONS} connections "
        f"(first slices); with 1 client p50 {_ms(baseline['p50'])}, p95 {_ms(baseline['p95'])}, "
        f"p99 {_ms(baseline['p99'])} ms. Measured in {result['seconds']} s.",
        "",
        "| page | URL | status | req/s | ratio | p50 | p95 | p99 | n | queries "
        "| cold 1st (off) | cold 1st (on) | cached req/s | cached ratio |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    notes = []
    for row in result["rows"]:
        latency, off, on = row.get("latency") or {}, row.get("off") or {}, row.get("on") or {}
        name = row["name"]
        row_notes = [row["note"]] if row.get("note") else []
        for key, cache in (("off_too_slow_ms", "off"), ("on_too_slow_ms", "on")):
            if row.get(key):
                row_notes.append(
                    f"not loaded with page cache {cache}: one request takes {row[key]:.0f} ms "
                    f"(over {config.SLOW_MS} ms)"
                )
        if row_notes:
            notes.append(f"{name}: {'; '.join(row_notes)}.")
            name += f" [{len(notes)}]"
        status = row.get("status")
        if status == 404 and row["name"] == "deep page":
            status = "404 (capped)"
        lines.append(
            f"| {name} | `{row['path']}` | {status} | {_rps(off.get('page_rps'))} "
            f"| {_ratio(off.get('ratio'))} | {_ms(latency.get('p50'))} | {_ms(latency.get('p95'))} "
            f"| {_ms(latency.get('p99'))} | {latency.get('requests', '–')} "
            f"| {row.get('queries', '–')} "
            f"| {_ms(row.get('cold_off_ms'))} | {_ms(row.get('cold_on_ms'))} "
            f"| {_rps(on.get('page_rps'))} "
            f"| {_ratio(on.get('ratio'))} |"
        )
    lines.append("")
    lines += [f"[{number}] {note}" for number, note in enumerate(notes, 1)]
    lines += [
        "",
        "req/s and ratio: page cache off, "
        f"{config.CONNECTIONS} connections. p50/p95/p99: ms, 1 client, page cache off; n: "
        "requests in that run (with few, p99 is the slowest one). "
        "Cold 1st: ms, first request after flushing Redis. Cached: page cache on, warm.",
        "",
    ]
    return lines


def _memory(results: list[dict]) -> list[str]:
    lines = [
        "## Memory per worker",
        "",
        "| findings | gunicorn run | MiB per worker at start | peak | after the run |",
        "| ---: | --- | --- | --- | --- |",
    ]
    for result in results:
        for run, memory in result["memory"].items():
            start, peak, after = (
                ", ".join(f"{mib:.1f}" for mib in memory[moment])
                for moment in ("start", "peak", "after")
            )
            lines.append(f"| {result['findings']:,} | {run} | {start} | {peak} | {after} |")
    return [*lines, ""]


def _profiles(run: dict, verdicts: list[Verdict]) -> list[str]:
    largest = run["results"][-1]["findings"]
    missing = set().union(*(verdict.missing_paths for verdict in verdicts))
    lines = [
        "## Where the time goes",
        "",
        f"The three slowest addresses at {largest:,} findings (p95, 1 client, page cache off), "
        "profiled in-process with pyinstrument through Django's WSGI handler (same database, "
        "page cache off): the top of the call tree, library frames folded, then the functions "
        "that spent most time themselves, library frames included.",
        "",
    ]
    for path, profile in run["profiles"].items():
        flag = " (misses a target)" if path in missing else ""
        lines += [
            f"### `{path}`{flag}",
            "",
            f"{profile['requests']} requests: {profile['wall']:.2f} s wall clock, "
            f"{profile['cpu']:.2f} s CPU in the Python process. The rest is waiting: for "
            "PostgreSQL (`Connection.wait`), or for a core on a busy machine, which pyinstrument "
            "counts as `[self]` time of whatever function was running.",
            "",
            "```",
            profile["tree"],
            "```",
            "",
            "```",
            profile["flat"],
            "```",
            "",
        ]
    return lines


def render(run: dict) -> str:
    verdicts = judge(run["results"])
    lines = _setup(run) + _targets(verdicts)
    for result in run["results"]:
        lines += _size_table(result)
    lines += _memory(run["results"]) + _profiles(run, verdicts)
    return "\n".join(lines).rstrip() + "\n"


def write(results: list[dict], *, profiles: dict, machine: dict, total_seconds: int) -> None:
    run = {
        "sizes": [result["findings"] for result in results],
        "results": results,
        "profiles": profiles,
        "machine": machine,
        "seconds": total_seconds,
    }
    config.RESULTS_DIR.mkdir(exist_ok=True)
    RUN_FILE.write_text(json.dumps(run, indent=1))
    config.REPORT.write_text(render(run))


if __name__ == "__main__":
    config.REPORT.write_text(render(json.loads(RUN_FILE.read_text())))
