"""The cluster proof rewrites its own section of docs/reliability.md and nothing else."""

from bench.cluster.report import HEADING, replace_section

OURS = f"{HEADING}\n\nNew figures.\n"


def test_the_section_is_added_to_a_new_file_under_a_title():
    assert replace_section("", HEADING, OURS) == f"# Reliability\n\n{HEADING}\n\nNew figures.\n"


def test_the_section_replaces_its_old_self_and_keeps_the_others():
    text = (
        "# Reliability\n\n## Load\n\n60 s, 0 errors.\n\n"
        f"{HEADING}\n\nOld figures.\n\n### Detail\n\nOld detail.\n\n"
        "## Faults\n\nPostgreSQL stopped: 503.\n"
    )

    assert replace_section(text, HEADING, OURS) == (
        "# Reliability\n\n## Load\n\n60 s, 0 errors.\n\n"
        f"{HEADING}\n\nNew figures.\n\n"
        "## Faults\n\nPostgreSQL stopped: 503.\n"
    )


def test_the_section_goes_after_the_others_when_it_is_missing():
    text = "# Reliability\n\n## Load\n\n60 s, 0 errors.\n"

    assert replace_section(text, HEADING, OURS) == (
        f"# Reliability\n\n## Load\n\n60 s, 0 errors.\n\n{HEADING}\n\nNew figures.\n"
    )
