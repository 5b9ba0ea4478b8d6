"""The deployment files agree with the code: every setting the portal reads is in the example
environment file and the README, and nginx accepts what the portal accepts."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(
    r"""(?:env_bool|env_list|env_rate|env_seconds|os\.environ\.get|os\.environ\[|getenv)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)
# Development only, never set in production (pytest-xdist names its workers in the last).
DEVELOPMENT_ONLY = {"DEMO_PASSWORD", "PLP_BENCH_BASELINE", "PYTEST_XDIST_WORKER"}


def variables_read() -> set[str]:
    sources = [ROOT / "deploy" / "gunicorn.conf.py"]
    for app in ["plp_portal", "consortia", "findings", "events"]:
        sources += [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    found = set()
    for path in sources:
        found |= set(READS.findall(path.read_text()))
    return found - DEVELOPMENT_ONLY


def test_the_example_environment_file_names_every_setting():
    example = (ROOT / "deploy" / "plp.env.example").read_text()
    named = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))

    assert sorted(variables_read() - named) == []
    assert "PLP_NUM_PROXIES=1" in example.splitlines()


def test_the_readme_explains_every_setting():
    readme = (ROOT / "README.md").read_text()

    assert sorted(name for name in variables_read() if f"`{name}`" not in readme) == []


def test_nginx_takes_an_attachment_as_large_as_the_portal_takes():
    site = (ROOT / "deploy" / "nginx" / "plp-portal.conf").read_text()
    (megabytes,) = re.findall(r"^\s*client_max_body_size (\d+)m;", site, flags=re.MULTILINE)

    # What the portal reads at most (PLP_UPLOAD_MAX_BYTES: the form's two files at their
    # limit and a mebibyte for the rest): nginx refuses nothing the portal would take.
    assert int(megabytes) * 1024 * 1024 == settings.PLP_UPLOAD_MAX_BYTES
