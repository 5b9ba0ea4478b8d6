"""CI's last line totals every suite's JUnit report (.ci/tally.py)."""

import subprocess
import sys
from pathlib import Path

TALLY = Path(__file__).resolve().parents[2] / ".ci" / "tally.py"

PYTEST_REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="4">
  <testcase classname="a" name="passes"/>
  <testcase classname="a" name="passes too"/>
  <testcase classname="a" name="fails"><failure message="assert 1 == 2"/></testcase>
  <testcase classname="a" name="is skipped"><skipped message="needs PostgreSQL"/></testcase>
</testsuite></testsuites>
"""
FUZZ_REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="schemathesis" tests="2">
  <testcase name="GET /api/v1/findings/"/>
  <testcase name="POST /api/v1/findings/"><error message="500"/></testcase>
</testsuite></testsuites>
"""


def tally(report_dir: Path, *suites: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TALLY), str(report_dir), *suites],
        capture_output=True,
        text=True,
        check=False,
    )


def test_tally_totals_every_suite_in_one_closing_line(tmp_path):
    (tmp_path / "sqlite.xml").write_text(PYTEST_REPORT)
    (tmp_path / "fuzz.xml").write_text(FUZZ_REPORT)

    result = tally(tmp_path, "sqlite", "fuzz")

    assert result.stdout.splitlines() == [
        "  sqlite: 2 passed, 1 failed, 1 skipped",
        "  fuzz: 1 passed, 1 failed, 0 skipped",
        "CI: 3 passed, 2 failed, 1 skipped",
    ]
    assert result.returncode == 1


def test_tally_passes_when_nothing_failed(tmp_path):
    (tmp_path / "sqlite.xml").write_text(
        PYTEST_REPORT.replace('<failure message="assert 1 == 2"/>', "")
    )

    result = tally(tmp_path, "sqlite")

    assert result.stdout.splitlines()[-1] == "CI: 3 passed, 0 failed, 1 skipped"
    assert result.returncode == 0


def test_tally_counts_a_suite_without_report_and_a_failed_step_as_failures(tmp_path):
    (tmp_path / "sqlite.xml").write_text(
        PYTEST_REPORT.replace('<failure message="assert 1 == 2"/>', "")
    )
    (tmp_path / "failed-steps.txt").write_text("lint\n")

    result = tally(tmp_path, "sqlite", "postgresql")

    assert "  postgresql: no report (the suite did not run to the end)" in result.stdout
    assert "  step failed: lint" in result.stdout
    assert result.stdout.splitlines()[-1] == "CI: 3 passed, 2 failed, 1 skipped"
    assert result.returncode == 1
