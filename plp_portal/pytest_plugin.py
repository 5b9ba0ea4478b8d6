"""The test run's environment, set before pytest-django imports the settings.

pytest-django reads the settings while pytest starts, before any conftest.py, so this module is
loaded as a plugin (`-p plp_portal.pytest_plugin` in pyproject's addopts) and sets its variables
when imported. `make test` then needs nothing exported: DEBUG-time settings (plain static files,
no HTTPS redirect) with a key made for this run. pytest-django still runs each test with
DEBUG off. A variable set by the caller wins.
"""

import os
import secrets

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-" + secrets.token_urlsafe(50))
