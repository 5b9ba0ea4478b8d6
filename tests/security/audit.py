"""Reading the audit log a test wrote (tests/conftest.py points it at a file of the test's)."""

import datetime as dt
import json
import logging

from plp_portal.audit_log import LOGGER_NAME


def audit_file():
    # pytest adds its own capturing handlers beside it.
    (handler,) = [
        handler
        for handler in logging.getLogger(LOGGER_NAME).handlers
        if isinstance(handler, logging.FileHandler)
    ]
    return handler.baseFilename


class AuditLog:
    def lines(self) -> list[str]:
        try:
            with open(audit_file(), encoding="utf-8") as file:
                return file.read().splitlines()
        except FileNotFoundError:
            return []

    def entries(self) -> list[dict]:
        """Each line as a dict, its `time` checked (UTC, ISO 8601, just now) and removed."""
        entries = []
        now = dt.datetime.now(dt.UTC)
        for line in self.lines():
            entry = json.loads(line)
            time = dt.datetime.fromisoformat(entry.pop("time"))
            assert time.utcoffset() == dt.timedelta(0), line
            assert now - dt.timedelta(minutes=1) < time <= now + dt.timedelta(seconds=1), line
            entries.append(entry)
        return entries

    def events(self) -> list[str]:
        return [entry["event"] for entry in self.entries()]
