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


def _compile_catalogues() -> None:
    """Compile each locale/*/LC_MESSAGES/django.po that changed since its .mo was made, as
    `make install` does, so `pytest` run by hand tests the translations of the checkout. Without
    gettext's msgfmt nothing is compiled, and the tests of the languages say what is missing."""
    import shutil
    import subprocess
    from pathlib import Path

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    for source in (Path(__file__).resolve().parent.parent / "locale").glob("*/LC_MESSAGES/*.po"):
        compiled = source.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            subprocess.run([msgfmt, "-o", str(compiled), str(source)], check=True)


# Once, in the process that starts the run: xdist's workers would write the same files at once.
if not os.environ.get("PYTEST_XDIST_WORKER"):
    _compile_catalogues()

worker = os.environ.get("PYTEST_XDIST_WORKER")
if worker:
    # Always the worker's own, even under a prefix the caller chose.
    chosen = os.environ.get("PLP_CACHE_KEY_PREFIX") or "tests"
    os.environ["PLP_CACHE_KEY_PREFIX"] = f"{chosen}-{worker}"
