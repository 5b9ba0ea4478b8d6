"""`python -m bench.cluster` (`make cluster-proof`): run the checks, write the figures."""

import argparse
import datetime
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from . import checks, portal, report, servers

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "/en/",
    "/en/findings/",
    "/en/themes/",
    "/en/events/",
    "/api/v1/findings/",
    "/api/v1/consortia/",
]
BOUND_SECONDS = 300


def arguments():
    parser = argparse.ArgumentParser(prog="python -m bench.cluster", description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/plp_cluster"
        ),
        help="the PostgreSQL database both servers share (made if missing)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/6"),
        help="the Redis database both servers share",
    )
    parser.add_argument("--port", type=int, default=8611, help="nginx's port; servers +1, +2")
    parser.add_argument("--seconds", type=int, default=20, help="length of the load")
    parser.add_argument("--kill-after", type=float, default=10, help="when server A is killed")
    parser.add_argument(
        "--report", type=Path, default=ROOT / "docs" / "reliability.md", help="where to write"
    )
    parser.add_argument("--no-report", action="store_true", help="print, write nothing")
    return parser.parse_args()


def _create_database(url: str) -> None:
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        name = settings["NAME"]
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def _versions(env) -> dict[str, str]:
    import gunicorn
    from django.db import connection

    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0].split()[0]
    return {
        "nginx": nginx.removeprefix("nginx version: nginx/"),
        "gunicorn": gunicorn.__version__,
        "postgresql": postgresql,
        "cores": str(os.cpu_count()),
        "load": f"{os.getloadavg()[0]:.1f}",
    }


def _outcome(check, *args):
    try:
        result = check(*args)
    except checks.Failed as failure:
        return "FAIL", [str(failure)]
    if isinstance(result, str):
        return "skipped", [result]
    return "pass", result


def _bounded(signum, frame):
    raise TimeoutError(f"the proof ran longer than {BOUND_SECONDS} s")


def main() -> int:
    options = arguments()
    for program in ("nginx", "wrk"):
        if shutil.which(program) is None:
            print(f"{program} is not installed: apt-get install -y {program}", file=sys.stderr)
            return 2
    signal.signal(signal.SIGALRM, _bounded)
    signal.alarm(BOUND_SECONDS)
    run = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    prefix = Path(tempfile.mkdtemp(prefix="plp-cluster-"))
    first, second = options.port + 1, options.port + 2
    env = portal.environment(
        database_url=options.database_url,
        redis_url=options.redis_url,
        static_root=prefix / "static",
    )
    _create_database(options.database_url)
    portal.start_django(env)
    print("Preparing the database and static files…", file=sys.stderr)
    cast = portal.prepare(run)
    versions = _versions(env)
    running = []
    outcomes = {}
    try:
        server_a = servers.gunicorn("A", first, env=env, log=prefix / "a.log")
        running.append(server_a)
        running.append(servers.gunicorn("B", second, env=env, log=prefix / "b.log"))
        running.append(servers.nginx(prefix, port=options.port, app_ports=[first, second]))
        print("Servers up; checking…", file=sys.stderr)
        outcomes["A login on one server is valid on the other"] = _outcome(
            checks.login_is_shared, cast, first, second
        )
        outcomes["A lockout on one server holds on the other"] = _outcome(
            checks.lockout_is_shared, cast, first, second
        )
        outcomes["A publish on one server is seen at once through the other"] = _outcome(
            checks.publish_is_seen_at_once, cast, first, second, options.port
        )
        paths = [*PAGES, f"/en/findings/{cast.published_slug}/"]
        print(f"Load through nginx for {options.seconds} s…", file=sys.stderr)
        load = checks.failover_under_load(
            options.port,
            server_a,
            paths=paths,
            seconds=options.seconds,
            kill_after=options.kill_after,
            folder=prefix,
        )
        lost = load.socket_errors + load.status_errors
        outcomes["One server killed mid-load loses no GET"] = (
            "pass" if lost == 0 and load.killed_at > 0 else "FAIL",
            [
                f"{load.requests:,} GETs in {load.seconds:.1f} s, server A killed at "
                f"{load.killed_at:.0f} s: {load.socket_errors} socket errors, "
                f"{load.status_errors} answers other than 2xx/3xx"
            ],
        )
    finally:
        for process in reversed(running):
            process.stop()
        portal.clean_up(cast)
        signal.alarm(0)
    section = _section(run, options, versions, outcomes, load, paths, first, second)
    print(section)
    if not options.no_report:
        report.write(options.report, section)
        print(f"Written to {options.report}.", file=sys.stderr)
    shutil.rmtree(prefix, ignore_errors=True)
    return 0 if all(state != "FAIL" for state, _ in outcomes.values()) else 1


def _section(run, options, versions, outcomes, load, paths, first, second) -> str:
    database = options.database_url.rsplit("/", 1)[-1]
    redis_db = options.redis_url.rsplit("/", 1)[-1]
    rows = "\n".join(
        f"| {name} | {state} | {'; '.join(lines)} |" for name, (state, lines) in outcomes.items()
    )
    names = {f"127.0.0.1:{first}": "A", f"127.0.0.1:{second}": "B"}
    by_server = ", ".join(
        f"{names.get(address, address)} {count:,}"
        for address, count in sorted(load.by_server.items())
    )
    load_table = _table(
        [
            "GETs",
            "per second",
            "p50",
            "p99",
            "lost (socket errors + non-2xx/3xx)",
            "asked again of the other server by nginx",
            "answered by",
        ],
        [
            f"{load.requests:,}",
            f"{load.requests / load.seconds:,.0f}",
            f"{load.p50_ms:.0f} ms",
            f"{load.p99_ms:.0f} ms",
            str(load.socket_errors + load.status_errors),
            str(load.retried),
            by_server,
        ],
    )
    return f"""{report.HEADING}

`make cluster-proof` (`bench/cluster/`), {run}: two gunicorn servers (A and B, {servers.WORKERS}
sync workers each, `deploy/gunicorn.conf.py`, `DJANGO_DEBUG=false`, `PLP_PAGE_CACHE=true`) on
two loopback ports behind Debian's nginx {versions["nginx"]} (its own configuration and prefix
under /tmp, including `deploy/nginx/plp-portal-proxy.conf` as production does), sharing one
PostgreSQL {versions["postgresql"]} database (`{database}`) and one Redis database ({redis_db}).
gunicorn {versions["gunicorn"]}; {versions["cores"]} cores shared with other work (load average
{versions["load"]} at the start).

| check | result | what was seen |
| --- | --- | --- |
{rows}

The load: `wrk -t2 -c10 -d{options.seconds}s` through nginx, each connection asking in turn
for {len(paths)} public pages and API lists (`{"`, `".join(paths)}`); server A killed with
SIGKILL (its master and workers at once, as a crash would) {options.kill_after:.0f} s in.

{load_table}

Requests in flight on A when it died, and those sent to it before nginx marked it failed, were
answered by B (`proxy_next_upstream error timeout`): the client saw no error. A POST would not
be sent again (nginx never repeats a non-idempotent request), so a form sent at that moment
fails and is sent again by its user.
"""


def _table(header: list[str], row: list[str]) -> str:
    return "\n".join(
        [
            "| " + " | ".join(header) + " |",
            "|" + " ---: |" * (len(header) - 1) + " --- |",
            "| " + " | ".join(row) + " |",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
