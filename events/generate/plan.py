"""What a generation run makes: its sizes, its dates, and one random stream per thing made."""

import datetime as dt
import random
from dataclasses import dataclass

#: The programme whose presence says "this database already holds generated data".
PROGRAMME_SLUG = "generated-sse-programme"

# Fixed dates, never "now": the same seed gives the same data on any day.
FIRST_DAY = dt.datetime(2019, 1, 1, 9, 0, tzinfo=dt.UTC)
LAST_DAY = dt.datetime(2026, 10, 31, 18, 0, tzinfo=dt.UTC)
LAST_CONSORTIUM_START = dt.date(2025, 6, 30)
# Events run a little past the findings, so that some are still to come.
FIRST_EVENT_DAY = dt.date(2019, 3, 1)
LAST_EVENT_DAY = dt.date(2027, 6, 30)


@dataclass(frozen=True)
class Sizes:
    consortia: int
    findings: int
    events: int
    seed: int

    @property
    def organisations(self) -> int:
        # Organisations take part in about two consortia each, as in real programmes.
        return self.consortia * 3 + 5

    def problem(self) -> str | None:
        """Why these sizes cannot be generated, in one sentence; None when they can."""
        if self.consortia < 1:
            return "--consortia must be at least 1: findings and events need consortia."
        if self.findings < 0:
            return "--findings must be zero or more."
        if self.events < 0:
            return "--events must be zero or more."
        return None


def default_events(consortia: int) -> int:
    """One event for every four consortia, at least one."""
    return max(1, consortia // 4)


def rng_for(seed: int, *names) -> random.Random:
    """A random stream of its own for each thing made (``rng_for(1, "finding", 42)``).

    Each finding's words depend on the seed and its number only, never on batch sizes or on
    how many random numbers something else drew. String seeds are hashed with SHA-512, the
    same in every process.
    """
    return random.Random(":".join(str(part) for part in (seed, *names)))
