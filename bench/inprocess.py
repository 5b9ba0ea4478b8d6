"""The parts of a run that need Django in-process, on the benchmark database: choose the
addresses, count queries per request (test client), profile the slowest pages.

    python -m bench.inprocess targets OUT.json
    python -m bench.inprocess queries TARGETS.json OUT.json
    python -m bench.inprocess profile OUT.json PATH [PATH ...]

The driver (bench/run.py) sets the environment (bench/environment.py).
"""

import json
import os
import sys


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
        from bench.profiling import profile

        out, *paths = arguments
        result = {path: profile(path) for path in paths}
    else:
        raise SystemExit(f"unknown command {command!r}")
    with open(out, "w") as out_file:
        json.dump(result, out_file, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
