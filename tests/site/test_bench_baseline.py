"""The benchmarks' baseline page exists only when PLP_BENCH_BASELINE turns it on."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings


def _root_urlconf_with(environment: dict[str, str]) -> str:
    """ROOT_URLCONF as a fresh process reads it from these environment variables."""
    env = {k: v for k, v in os.environ.items() if k != "PLP_BENCH_BASELINE"}
    env.update(environment, DJANGO_SETTINGS_MODULE="plp_portal.settings")
    code = "from django.conf import settings; print(settings.ROOT_URLCONF)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.django_db
def test_bench_baseline_is_absent_by_default(client):
    response = client.get("/_bench/baseline/")

    assert response.status_code == 404
    assert _root_urlconf_with({}) == "plp_portal.urls"


def test_bench_baseline_is_present_when_enabled():
    assert _root_urlconf_with({"PLP_BENCH_BASELINE": "true"}) == "plp_portal.bench_baseline"


# No django_db mark: any database access in the view would fail the test.
def test_bench_baseline_renders_without_the_database(client, settings):
    settings.ROOT_URLCONF = "plp_portal.bench_baseline"

    response = client.get("/_bench/baseline/")

    assert response.status_code == 200
    assert response.templates[0].name == "bench/baseline.html"
    assert "<h1>Benchmark baseline</h1>" in response.content.decode()
    assert "<li>Consortia</li><li>Findings</li><li>Events</li>" in response.content.decode()


@pytest.mark.django_db
def test_bench_baseline_keeps_every_other_address(client, settings):
    settings.ROOT_URLCONF = "plp_portal.bench_baseline"

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response.content.decode().endswith("Sitemap: http://testserver/sitemap.xml\n")
