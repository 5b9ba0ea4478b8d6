"""Proof under load and faults: ``make reliability`` (about five minutes; root, Debian's
PostgreSQL tools, redis-server and wrk), figures written to docs/reliability.md.

Everything runs on loopback against services of its own, never the shared ones: a second
PostgreSQL cluster (FAULTS_PG_CLUSTER on FAULTS_PG_PORT, created, then dropped), a second
redis-server (FAULTS_REDIS_PORT) and gunicorn with production's configuration and 2 workers
(FAULTS_PORT), on a generated programme of 1,000 findings, the page cache on.

- Load: LOAD_SECONDS at CONNECTIONS clients over public pages and the API (a quarter of the
  requests with a query never asked before, which the cache cannot answer): zero errors.
- Faults, each under the same load for SCENARIO_SECONDS: PostgreSQL stopped, then stalled
  (its processes SIGSTOPped), Redis stopped, then stalled, each from FAULT_AT for
  FAULT_SECONDS. A prober asks /readyz and an uncached page one request at a time meanwhile:
  how soon readiness fails, how pages answer and how fast, how soon service returns; no
  worker may be killed for hanging (gunicorn's WORKER TIMEOUT).
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from .fault_load import Prober, get, wrk_mix
from .fault_report import write_report
from .fault_world import PYTHON, ROOT, Gunicorn, PostgresCluster, RedisServer, portal_environment

PG_CLUSTER = os.environ.get("FAULTS_PG_CLUSTER", "plp_faults")
PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "5497"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6397"))
PORT = int(os.environ.get("FAULTS_PORT", "8597"))
DATABASE = "plp_faults"
FAULT_AT = 5
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Scenario:
    name: str
    inject: object
    recover: object
    needs_database: bool


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--scenario-seconds", type=int, default=30)
    parser.add_argument("--fault-seconds", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the cluster and Redis")
    options = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    logs = Path(tempfile.mkdtemp(prefix="plp-faults-"))
    cluster = PostgresCluster(PG_CLUSTER, PG_PORT)
    redis = RedisServer(REDIS_PORT, logs / "redis.log")
    say(f"logs in {logs}")
    try:
        say(f"PostgreSQL cluster {cluster.version}/{PG_CLUSTER} on {PG_PORT}")
        cluster.create()
        cluster.createdb(DATABASE)
        redis.start()
        env = portal_environment(cluster.url(DATABASE), redis.url, str(logs / "static"))
        prepare(env)
        paths = public_paths(cluster.url(DATABASE))
        with Gunicorn(env, PORT, logs / "gunicorn.log") as server:
            wait_until_ready()
            for path in paths:
                get(PORT, path)
            results = {
                "date": dt.date.today().isoformat(),
                "machine": machine(),
                "options": vars(options),
                "paths": len(paths),
                "load": load(server, paths, options),
                "faults": faults(server, cluster, redis, paths, options),
            }
    finally:
        redis.stop()
        if not options.keep:
            cluster.drop()
    (RESULTS / "faults.json").write_text(json.dumps(results, indent=2))
    write_report(ROOT / "docs" / "reliability.md", results)
    say("figures written to docs/reliability.md")
    return 0 if verdict(results) else 1


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str]) -> None:
    say("migrate, generate 1,000 findings, collect static files")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "generate_data", "--consortia", "30", "--findings", "1000", "--seed", "1", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def public_paths(database_url: str) -> list[str]:
    """Public pages and API reads of every kind, over several objects of each."""
    with psycopg.connect(database_url) as connection:

        def slugs(table: str, where: str = "TRUE", count: int = 5) -> list[str]:
            rows = connection.execute(
                f"SELECT slug FROM {table} WHERE {where} ORDER BY id LIMIT {count}"
            )
            return [row[0] for row in rows]

        findings = slugs("findings_finding", "status = 'published'", 10)
        themes = slugs("findings_theme", count=3)
        consortia = slugs("consortia_consortium", count=3)
        events = slugs("events_event", "status = 'published'", 2)
    return [
        "/en/", "/en/findings/", "/en/themes/", "/en/events/", "/en/consortia/", "/en/sdgs/8/",
        "/en/findings/?sdg=8", "/en/findings/feed.atom", "/sitemap.xml",
        *(f"/en/findings/{slug}/" for slug in findings),
        *(f"/en/themes/{slug}/" for slug in themes),
        *(f"/en/consortia/{slug}/" for slug in consortia),
        *(f"/en/events/{slug}/" for slug in events),
        "/api/v1/findings/", "/api/v1/findings/?theme=" + themes[0], "/api/v1/themes/",
        "/api/v1/events/", "/api/v1/consortia/", "/api/v1/sdgs/",
        *(f"/api/v1/findings/{slug}/" for slug in findings[:5]),
    ]  # fmt: skip


def wait_until_ready() -> None:
    deadline = time.monotonic() + 60
    while get(PORT, "/readyz", timeout=5)[0] != 200:
        if time.monotonic() > deadline:
            raise SystemExit("gunicorn did not become ready within 60 s")
        time.sleep(0.2)


def machine() -> str:
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, load average {load:.1f} at start"


def in_workers(served: list[tuple[int, float]]) -> dict:
    """How long requests spent in a worker (queueing excluded), in milliseconds."""
    seconds = sorted(duration for _, duration in served)
    if not seconds:
        return {"p50": None, "p99": None, "max": None}
    return {
        "p50": round(seconds[len(seconds) // 2] * 1000),
        "p99": round(seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))] * 1000),
        "max": round(seconds[-1] * 1000),
    }


def load(server: Gunicorn, paths: list[str], options) -> dict:
    say(f"load: {options.load_seconds} s at {options.connections} connections")
    offset = server.access_log_size()
    with Prober(PORT, ["/readyz", paths[9]], interval=0.5) as prober:
        summary = wrk_mix(
            PORT, paths, connections=options.connections, seconds=options.load_seconds
        )
    summary["readyz_max_ms"] = max_ms(prober.of("/readyz"))
    summary["worker_timeouts"] = server.log_lines_containing("WORKER TIMEOUT")
    summary["in_workers"] = in_workers(server.served_since(offset))
    return summary


def faults(server, cluster, redis, paths, options) -> list[dict]:
    frozen: list[int] = []

    def freeze_database():
        frozen[:] = cluster.freeze()

    scenarios = [
        Scenario("PostgreSQL stopped", cluster.stop, cluster.start, True),
        Scenario(
            "PostgreSQL stalled (SIGSTOP)", freeze_database, lambda: cluster.thaw(frozen), True
        ),
        Scenario("Redis stopped", redis.stop, redis.start, False),
        Scenario("Redis stalled (SIGSTOP)", redis.freeze, redis.thaw, False),
    ]
    return [run_scenario(server, scenario, paths, options) for scenario in scenarios]


def run_scenario(server: Gunicorn, scenario: Scenario, paths: list[str], options) -> dict:
    say(f"fault: {scenario.name}")
    page = paths[9]  # a finding: with its probe query, never in the cache
    timeouts_before = server.log_lines_containing("WORKER TIMEOUT")
    offset = server.access_log_size()
    summary: dict = {}

    def load_in_background():
        summary.update(
            wrk_mix(PORT, paths, connections=options.connections, seconds=options.scenario_seconds)
        )

    loader = threading.Thread(target=load_in_background)
    with Prober(PORT, ["/readyz", page]) as prober:
        loader.start()
        time.sleep(FAULT_AT)
        injected = time.monotonic() - prober.started
        scenario.inject()
        time.sleep(options.fault_seconds)
        recovered = time.monotonic() - prober.started
        scenario.recover()
        loader.join()
    during = (injected, recovered)
    after = recovered
    readyz_failed = first_at(prober.of("/readyz", *during), lambda s: s == 503, injected)
    return {
        "name": scenario.name,
        "needs_database": scenario.needs_database,
        "load": summary,
        "readyz_failed_after_s": readyz_failed,
        "readyz_max_ms_during": max_ms(prober.of("/readyz", *during)),
        "page_statuses_during": statuses(prober.of(page, *during)),
        "page_max_ms_during": max_ms(prober.of(page, *during)),
        "page_p50_ms_during": p50_ms(prober.of(page, *during)),
        "readyz_back_after_s": first_at(prober.of("/readyz", after), lambda s: s == 200, after),
        "page_back_after_s": first_at(prober.of(page, after), lambda s: s == 200, after),
        "page_statuses_after": statuses(prober.of(page, after + 5)),
        "worker_timeouts": server.log_lines_containing("WORKER TIMEOUT") - timeouts_before,
        "in_workers": in_workers(server.served_since(offset)),
        "fault_at_s": round(injected, 1),
        "recovered_at_s": round(recovered, 1),
    }  # fmt: skip


def first_at(probes, wanted, since: float) -> float | None:
    """Seconds from `since` to the *end* of the first probe whose status is wanted."""
    for probe in probes:
        if wanted(probe.status):
            return round(probe.at + probe.seconds - since, 2)
    return None


def statuses(probes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for probe in probes:
        counts[str(probe.status)] = counts.get(str(probe.status), 0) + 1
    return counts


def max_ms(probes) -> float | None:
    return round(max(p.seconds for p in probes) * 1000) if probes else None


def p50_ms(probes) -> float | None:
    if not probes:
        return None
    ordered = sorted(p.seconds for p in probes)
    return round(ordered[len(ordered) // 2] * 1000)


def verdict(results: dict) -> bool:
    load = results["load"]
    ok = load["socket_errors"] + load["timeouts"] + load["status_errors"] == 0
    for fault in results["faults"]:
        ok = ok and fault["worker_timeouts"] == 0
        ok = ok and fault["readyz_back_after_s"] is not None
    return ok


if __name__ == "__main__":
    sys.exit(main())
