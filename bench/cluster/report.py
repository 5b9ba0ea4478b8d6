"""docs/reliability.md, section "Two servers behind nginx": written whole on every run, the
file's other sections (load and fault tests) left as they are."""

import re
from pathlib import Path

HEADING = "## Two servers behind nginx"
TITLE = "# Reliability\n"


def replace_section(text: str, heading: str, section: str) -> str:
    """`text` with the section under `heading` (up to the next level-2 heading) replaced by
    `section`, or with it added at the end."""
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    section = section.rstrip("\n") + "\n"
    if pattern.search(text):
        return pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
    base = text.rstrip("\n") + "\n\n" if text.strip() else TITLE + "\n"
    return base + section


def write(path: Path, section: str) -> None:
    text = path.read_text() if path.exists() else ""
    path.write_text(replace_section(text, HEADING, section))
