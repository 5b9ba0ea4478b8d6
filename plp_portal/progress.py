"""Progress lines for long runs: how many, how fast, how long still to wait."""

import time
from collections.abc import Callable


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _bytes(value: float) -> str:
    if value < 1_000_000:
        return f"{value / 1_000:,.1f} kB"
    return f"{value / 1_000_000:,.1f} MB"


# How a counter shows its numbers: plain counts (rows, files) or bytes in kB or MB.
UNITS: dict[str, Callable[[float], str]] = {"count": _count, "bytes": _bytes}


class Progress:
    """Reports counts per kind of work; says nothing when ``write`` is None.

    Long runs print at most one line a second per kind:
    ``findings 40,000/100,000 (12,300/s, 5 s left)``.
    """

    def __init__(self, write: Callable[[str], None] | None, *, interval: float = 1.0):
        self.write = write
        self.interval = interval
        self.started = time.monotonic()

    def done(self, label: str, count: int) -> None:
        """A short step finished: one line with its count."""
        if self.write:
            self.write(f"{label} {count:,}")

    def counter(self, label: str, total: int, unit: str = "count") -> "Counter":
        return Counter(self, label, total, UNITS[unit])

    def elapsed(self) -> float:
        return time.monotonic() - self.started


class Counter:
    def __init__(self, progress: Progress, label: str, total: int, show=_count):
        self.progress = progress
        self.label = label
        self.total = total
        self.show = show
        self.count = 0
        self.closed = False  # the closing line is written once
        self.started = self.last_line = time.monotonic()

    def advance(self, count: int) -> None:
        self.count += count
        if self.closed:
            return
        now = time.monotonic()
        finished = self.count >= self.total
        if finished or now - self.last_line >= self.progress.interval:
            self.last_line = now
            self._line(now)
            self.closed = finished

    def finish(self) -> None:
        """The work ended (its total may have been an estimate): the closing line, once."""
        if not self.closed:
            self.total = self.count
            self._line(time.monotonic())
            self.closed = True

    def _line(self, now: float) -> None:
        if not self.progress.write:
            return
        seconds = max(now - self.started, 1e-6)
        rate = self.count / seconds
        if self.count >= self.total:
            tail = f"{self.show(rate)}/s, {seconds:.1f} s"
        else:
            tail = f"{self.show(rate)}/s, {(self.total - self.count) / max(rate, 1e-6):,.0f} s left"
        self.progress.write(
            f"{self.label} {self.show(self.count)}/{self.show(self.total)} ({tail})"
        )
