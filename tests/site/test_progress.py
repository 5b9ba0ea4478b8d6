"""Progress lines of long commands (backup, restore, generate_data): how far, how fast, how
long still, and one closing line."""

import re

from plp_portal.progress import Progress


def test_a_counter_says_how_far_how_fast_and_how_long_still_then_closes_once():
    lines = []
    counter = Progress(lines.append, interval=0).counter("database rows", 1_000)

    counter.advance(250)
    counter.advance(750)
    counter.advance(0)
    counter.finish()

    assert len(lines) == 2
    assert re.fullmatch(r"database rows 250/1,000 \([\d,]+/s, [\d,]+ s left\)", lines[0])
    assert re.fullmatch(r"database rows 1,000/1,000 \([\d,]+/s, [\d.]+ s\)", lines[1])


def test_bytes_are_shown_in_kilobytes_then_megabytes():
    lines = []
    progress = Progress(lines.append, interval=0)

    progress.counter("media", 50_000, "bytes").advance(50_000)
    progress.counter("media", 3_500_000, "bytes").advance(3_500_000)

    assert lines[0].startswith("media 50.0 kB/50.0 kB (")
    assert lines[1].startswith("media 3.5 MB/3.5 MB (")


def test_a_counter_whose_total_was_an_estimate_closes_at_what_was_done():
    lines = []
    counter = Progress(lines.append, interval=3600).counter("files", 10)

    counter.advance(4)
    counter.finish()

    assert len(lines) == 1
    assert lines[0].startswith("files 4/4 (")
