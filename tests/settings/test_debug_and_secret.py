"""DEBUG is off unless asked for, and the repository holds no secret key.

Each case imports the settings in a fresh process with a chosen environment, as `manage.py`
or gunicorn would at start.
"""

import os
import stat
import subprocess
import sys
from pathlib import Path

from plp_portal.secret_key import development_secret_key

BASE_DIR = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "from django.conf import settings; print(settings.DEBUG); print(settings.SECRET_KEY)"
)


def start(environment: dict[str, str], code: str = PRINT_SETTINGS) -> subprocess.CompletedProcess:
    # The test run's own DJANGO_* variables (set by plp_portal.pytest_plugin) are left out.
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "plp_portal.settings", **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_is_off_when_the_variable_is_not_set():
    started = start({"DJANGO_SECRET_KEY": "k" * 50})

    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines() == ["False", "k" * 50]


def test_debug_off_without_a_key_stops_with_one_plain_sentence():
    started = start({}, code="import django; django.setup()")

    assert started.returncode == 1
    assert started.stderr == (
        "DJANGO_SECRET_KEY is not set: set it to a long random value "
        "(or set DJANGO_DEBUG=true for development).\n"
    )


def test_manage_py_without_a_key_says_the_same_sentence_without_a_traceback():
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    started = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert started.returncode == 1
    assert "Traceback" not in started.stderr
    assert started.stderr.strip().startswith("DJANGO_SECRET_KEY is not set")


def test_development_uses_the_key_kept_in_the_ignored_file():
    started = start({"DJANGO_DEBUG": "true"})

    assert started.returncode == 0, started.stderr
    kept = (BASE_DIR / ".dev-secret-key").read_text().strip()
    assert started.stdout.splitlines() == ["True", kept]
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".dev-secret-key"], cwd=BASE_DIR, check=False
    )
    assert ignored.returncode == 0, ".dev-secret-key must be ignored by git"


def test_a_key_given_in_the_environment_wins_in_development_too():
    started = start({"DJANGO_DEBUG": "true", "DJANGO_SECRET_KEY": "from-the-environment" * 3})

    assert started.stdout.splitlines() == ["True", "from-the-environment" * 3]


def test_the_development_key_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / ".dev-secret-key"

    first = development_secret_key(path)
    second = development_secret_key(path)

    assert first == second
    assert len(first) >= 50
    assert path.read_text().strip() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_two_keys_made_in_two_places_differ(tmp_path):
    assert development_secret_key(tmp_path / "a") != development_secret_key(tmp_path / "b")
