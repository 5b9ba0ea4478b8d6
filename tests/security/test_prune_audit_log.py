"""`manage.py prune_audit_log` keeps the audit lines of the last PLP_AUDIT_RETENTION_DAYS."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from plp_portal.audit_log import utc_time
from plp_portal.management.commands.prune_audit_log import Command


def line(age: dt.timedelta, event: str) -> str:
    moment = dt.datetime.now(dt.UTC) - age
    return f'{{"time":"{utc_time(moment.timestamp())}","event":"{event}","user":1}}'


@pytest.fixture
def audit_file(tmp_path, settings):
    path = tmp_path / "audit.log"
    settings.PLP_AUDIT_LOG = str(path)
    return path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("prune_audit_log", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_lines_older_than_the_retention_are_dropped(audit_file, settings):
    settings.PLP_AUDIT_RETENTION_DAYS = 365
    lines = [
        line(dt.timedelta(days=400), "old"),
        line(dt.timedelta(days=366), "just too old"),
        line(dt.timedelta(days=364), "kept"),
        "not JSON at all",
        line(dt.timedelta(minutes=1), "recent"),
    ]
    audit_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    out, _ = run()

    assert audit_file.read_text(encoding="utf-8").splitlines() == lines[2:]
    assert out == (
        "Kept 3 lines and dropped 2 lines older than 365 days. "
        "1 line could not be read and was kept.\n"
    )


def test_days_can_be_given_on_the_command_line(audit_file):
    lines = [line(dt.timedelta(days=40), "old"), line(dt.timedelta(days=1), "kept")]
    audit_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    out, _ = run("--days", "30")

    assert audit_file.read_text(encoding="utf-8").splitlines() == lines[1:]
    assert out == "Kept 1 line and dropped 1 line older than 30 days.\n"


def test_progress_is_reported_on_long_logs(audit_file, monkeypatch):
    monkeypatch.setattr("plp_portal.management.commands.prune_audit_log.PROGRESS_EVERY", 2)
    lines = [line(dt.timedelta(days=1), f"e{n}") for n in range(5)]
    audit_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    _, err = run()

    assert err == "Read 2 lines…\nRead 4 lines…\n"


def test_a_missing_log_is_nothing_to_prune(audit_file):
    out, _ = run()

    assert out == f"There is no audit log at {audit_file} yet: nothing to prune.\n"
    assert not audit_file.exists()


def test_a_log_on_standard_error_is_refused_with_a_sentence(settings):
    settings.PLP_AUDIT_LOG = "-"

    with pytest.raises(CommandError) as refused:
        run()

    assert str(refused.value) == (
        "The audit log goes to standard error (PLP_AUDIT_LOG=-); "
        "whatever collects it keeps it, and prunes it."
    )


def test_zero_days_is_refused(audit_file):
    with pytest.raises(CommandError) as refused:
        run("--days", "0")

    assert str(refused.value) == "Keep at least one day of audit lines (--days 1 or more)."


def test_help_says_what_it_does():
    parser = Command().create_parser("manage.py", "prune_audit_log")

    text = " ".join(parser.format_help().split())

    assert "Drop the audit log's lines older than PLP_AUDIT_RETENTION_DAYS" in text
    assert "--days DAYS keep this many days instead" in text
