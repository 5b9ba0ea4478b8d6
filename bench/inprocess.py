"""The parts of a run that need Django in-process, with the test client on the benchmark
database: choose the addresses, count queries per request, profile the slowest pages.

    python -m bench.inprocess targets OUT.json
    python -m bench.inprocess queries TARGETS.json OUT.json
    python -m bench.inprocess profile OUT.json PATH [PATH ...]

The driver (bench/run.py) sets the environment (bench/environment.py).
"""

import json
import os
import sys

PROFILE_REQUESTS = 5
PROFILE_LINES = 45


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plp_portal.settings")
    import django

    django.setup()


def _count_queries(paths: list[str]) -> dict[str, dict]:
    """Queries of the second request to each path: the first fills per-process caches."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counts[path] = {"status": response.status_code, "queries": len(captured)}
    return counts


def _profile(paths: list[str]) -> dict[str, dict]:
    """The top of a pyinstrument profile of PROFILE_REQUESTS requests to each path."""
    from django.test import Client
    from pyinstrument import Profiler

    client = Client()
    profiles = {}
    for path in paths:
        client.get(path)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(PROFILE_REQUESTS):
            client.get(path)
        profiler.stop()
        session = profiler.last_session
        text = profiler.output_text(unicode=False, color=False, show_all=False)
        # The tree starts after pyinstrument's banner, at its first timed line.
        lines = text.strip().splitlines()
        start = next(n for n, line in enumerate(lines) if line[:1].isdigit())
        profiles[path] = {
            "wall": session.duration,
            "cpu": session.cpu_time,
            "text": "\n".join(lines[start : start + PROFILE_LINES]),
        }
    return profiles


def main(argv: list[str]) -> None:
    command, *arguments = argv
    _setup()
    if command == "targets":
        from bench.targets import select_targets_as_dicts

        result = select_targets_as_dicts()
        out = arguments[0]
    elif command == "queries":
        with open(arguments[0]) as targets_file:
            paths = [target["path"] for target in json.load(targets_file)]
        result = _count_queries(paths)
        out = arguments[1]
    elif command == "profile":
        out, *paths = arguments
        result = _profile(paths)
    else:
        raise SystemExit(f"unknown command {command!r}")
    with open(out, "w") as out_file:
        json.dump(result, out_file, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
