"""The issue's targets, checked against a run's figures: PASS, MISS (by how much), or not
measured when the run lacks the size a target needs."""

from dataclasses import dataclass, field

SMALL, LARGE = 1_000, 100_000
P95_LIMIT_MS = 50
SIZE_RATIO_LIMIT = 2
# (role, minimum ratio to the baseline at 10 connections, 1,000 findings, page cache off)
RATIO_MINIMUMS = [
    ("finding", 0.10),
    ("event", 0.10),
    ("home", 0.10),
    ("findings_list", 0.06),
    ("search", 0.06),
    ("api_list", 0.06),
]
CACHED_RATIO_MINIMUM = 0.5
WORKER_MIB_LIMIT = 90


@dataclass
class Verdict:
    target: str
    measured: bool = True
    misses: list[str] = field(default_factory=list)
    detail: str = ""
    #: paths that miss, for the profiles' section
    missing_paths: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        if not self.measured:
            return "not measured"
        return "MISS" if self.misses else "PASS"


def _measured(rows: list[dict]) -> list[dict]:
    return [row for row in rows if row.get("status") == 200 and row.get("latency")]


def _by_size(results: list[dict]) -> dict[int, dict]:
    return {result["findings"]: result for result in results}


def _p95_at_large(sizes: dict[int, dict]) -> Verdict:
    verdict = Verdict(
        f"{LARGE:,} findings, page cache off, 1 client: every p95 < {P95_LIMIT_MS} ms"
    )
    if LARGE not in sizes:
        verdict.measured = False
        return verdict
    rows = sizes[LARGE]["rows"]
    for row in rows:
        if row.get("status") != 200:
            verdict.misses.append(f"{row['name']}: status {row.get('status')}")
            continue
        p95 = row["latency"]["p95"]
        if p95 >= P95_LIMIT_MS:
            verdict.misses.append(
                f"{row['name']}: {p95:.1f} ms, {p95 - P95_LIMIT_MS:.1f} ms over "
                f"({p95 / P95_LIMIT_MS:.2f}x)"
            )
            verdict.missing_paths.add(row["path"])
    worst = max(_measured(rows), key=lambda row: row["latency"]["p95"], default=None)
    if worst:
        verdict.detail = f"slowest: {worst['name']} {worst['latency']['p95']:.1f} ms"
    return verdict


def _small_vs_large(sizes: dict[int, dict]) -> Verdict:
    verdict = Verdict(
        f"same page at {SMALL:,} and {LARGE:,} findings within {SIZE_RATIO_LIMIT}x "
        "(p50, 1 client, page cache off)"
    )
    if SMALL not in sizes or LARGE not in sizes:
        verdict.measured = False
        return verdict
    small = {row["name"]: row for row in _measured(sizes[SMALL]["rows"])}
    worst = (0.0, "")
    for row in _measured(sizes[LARGE]["rows"]):
        if row["name"] not in small:
            continue
        growth = row["latency"]["p50"] / small[row["name"]]["latency"]["p50"]
        worst = max(worst, (growth, row["name"]))
        if growth > SIZE_RATIO_LIMIT:
            verdict.misses.append(
                f"{row['name']}: {small[row['name']]['latency']['p50']:.1f} → "
                f"{row['latency']['p50']:.1f} ms ({growth:.2f}x)"
            )
            verdict.missing_paths.add(row["path"])
    verdict.detail = f"largest growth: {worst[1]} {worst[0]:.2f}x"
    return verdict


def _ratios_at_small(sizes: dict[int, dict]) -> list[Verdict]:
    verdicts = []
    rows = {row.get("role"): row for row in sizes.get(SMALL, {}).get("rows", []) if row.get("role")}
    for role, minimum in RATIO_MINIMUMS:
        row = rows.get(role)
        name = row["name"] if row else role
        verdict = Verdict(
            f"{SMALL:,} findings, page cache off, 10 connections: {name} ≥ {minimum:.2f} "
            "of the minimal view"
        )
        if row and row.get("off_too_slow_ms"):
            verdict.misses.append(f"not loaded: one request takes {row['off_too_slow_ms']:.0f} ms")
            verdict.missing_paths.add(row["path"])
        elif not row or not row.get("off"):
            verdict.measured = False
        else:
            ratio = row["off"]["ratio"]
            verdict.detail = f"{ratio:.3f}"
            if ratio < minimum:
                verdict.misses.append(
                    f"{minimum - ratio:.3f} short: needs {minimum / ratio:.1f}x its requests/s"
                    if ratio
                    else "no requests answered"
                )
                verdict.missing_paths.add(row["path"])
        verdicts.append(verdict)
    return verdicts


def _cached(sizes: dict[int, dict]) -> Verdict:
    verdict = Verdict(
        f"page cache on: every anonymous page ≥ {CACHED_RATIO_MINIMUM} of the minimal view"
    )
    lowest = None
    for findings, result in sorted(sizes.items()):
        for row in result["rows"]:
            if row.get("on_too_slow_ms"):
                verdict.misses.append(
                    f"{row['name']} at {findings:,}: not loaded, one request takes "
                    f"{row['on_too_slow_ms']:.0f} ms"
                )
            if not row.get("on"):
                continue
            ratio = row["on"]["ratio"]
            if lowest is None or ratio < lowest[0]:
                lowest = (ratio, f"{row['name']} at {findings:,}")
            if ratio < CACHED_RATIO_MINIMUM:
                verdict.misses.append(f"{row['name']} at {findings:,}: {ratio:.3f}")
    if lowest is None:
        verdict.measured = False
    else:
        verdict.detail = f"lowest: {lowest[1]} {lowest[0]:.3f}"
    return verdict


def _memory(sizes: dict[int, dict]) -> Verdict:
    verdict = Verdict(f"no worker above {WORKER_MIB_LIMIT} MiB resident after the run")
    largest = 0.0
    for findings, result in sorted(sizes.items()):
        for run, memory in result["memory"].items():
            for mib in memory["after"]:
                largest = max(largest, mib)
                if mib > WORKER_MIB_LIMIT:
                    verdict.misses.append(
                        f"{findings:,} findings, {run}: {mib:.1f} MiB, "
                        f"{mib - WORKER_MIB_LIMIT:.1f} MiB over"
                    )
    verdict.detail = f"largest: {largest:.1f} MiB"
    return verdict


def judge(results: list[dict]) -> list[Verdict]:
    sizes = _by_size(results)
    return [
        _p95_at_large(sizes),
        _small_vs_large(sizes),
        *_ratios_at_small(sizes),
        _cached(sizes),
        _memory(sizes),
    ]
