"""Total the JUnit XML reports of every CI suite into one line: `CI: N passed, M failed`.

Each report is one suite (pytest on SQLite, pytest on PostgreSQL, the API fuzzer's runs). A
skipped test counts as neither; an error counts as a failure. A suite that wrote no report
(it crashed before its runner could) counts as one failure, and so does each line of
REPORT_DIR/failed-steps.txt (steps with no tests of their own: lint, deployment checks), so a
broken step can't vanish from the total.
Usage: python .ci/tally.py REPORT_DIR EXPECTED_SUITE [EXPECTED_SUITE ...]
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count(report: Path) -> tuple[int, int, int]:
    """(passed, failed, skipped) over every <testcase> of one JUnit report."""
    passed = failed = skipped = 0
    for case in ET.parse(report).getroot().iter("testcase"):
        outcomes = {child.tag for child in case}
        if outcomes & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcomes:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(report_dir: str, *suites: str) -> int:
    total_passed = total_failed = total_skipped = 0
    for suite in suites:
        report = Path(report_dir) / f"{suite}.xml"
        if not report.exists():
            print(f"  {suite}: no report (the suite did not run to the end)")
            total_failed += 1
            continue
        passed, failed, skipped = count(report)
        print(f"  {suite}: {passed} passed, {failed} failed, {skipped} skipped")
        total_passed += passed
        total_failed += failed
        total_skipped += skipped
    failed_steps = Path(report_dir) / "failed-steps.txt"
    if failed_steps.exists():
        for step in filter(None, failed_steps.read_text().splitlines()):
            print(f"  step failed: {step}")
            total_failed += 1
    print(f"CI: {total_passed} passed, {total_failed} failed, {total_skipped} skipped")
    return 1 if total_failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], *sys.argv[2:]))
