"""The test run's environment, set before pytest-django imports the settings.

pytest-django reads the settings while pytest starts, before any conftest.py, so this module is
loaded as a plugin (`-p plp_portal.pytest_plugin` in pyproject's addopts) and sets its variables
when imported. `make test` then needs nothing exported: DEBUG-time settings (plain static files,
no HTTPS redirect) with a key made for this run. pytest-django still runs each test with
DEBUG off. A variable set by the caller wins.

Under pytest-xdist each worker process (gw0, gw1, …) runs a share of the tests at the same
time as the others: each keeps its cache keys under its own prefix, so a test that empties
the cache empties only its worker's keys in a shared Redis database. (pytest-django gives
each worker its own test database; files go to each test's own tmp_path.)
"""

import os
import secrets

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-" + secrets.token_urlsafe(50))

worker = os.environ.get("PYTEST_XDIST_WORKER")
if worker:
    # Always the worker's own, even under a prefix the caller chose.
    chosen = os.environ.get("PLP_CACHE_KEY_PREFIX") or "tests"
    os.environ["PLP_CACHE_KEY_PREFIX"] = f"{chosen}-{worker}"
