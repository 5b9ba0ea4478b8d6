"""The French and Spanish catalogues are complete: every marked string translated, none fuzzy.

`make messages` adds each newly marked string untranslated, and marks a changed one fuzzy;
this test then fails, naming them, until a translator has filled them in. Run it alone with
`pytest -m catalogues`.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.catalogues

CATALOGUES = sorted((Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.po"))


def entries(po: Path) -> list[dict]:
    """The catalogue's entries (the header excepted): flags, msgctxt, msgid and msgstrs."""
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgstr": []}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#~"):
                field = None  # an obsolete entry: not part of the catalogue
                entry["obsolete"] = True
            elif match := re.match(
                r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line
            ):
                field = match.group(1)
                value = _unquote(match.group(2))
                if field.startswith("msgstr"):
                    entry["msgstr"].append(value)
                elif field != "msgid_plural":
                    entry[field] = value
            elif line.startswith('"') and field is not None:
                if field.startswith("msgstr"):
                    entry["msgstr"][-1] += _unquote(line)
                elif field != "msgid_plural":
                    entry[field] += _unquote(line)
        if entry["msgid"] and not entry.get("obsolete"):
            found.append(entry)
    return found


def _unquote(text: str) -> str:
    return text[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def _name(entry: dict) -> str:
    context = f"[{entry['msgctxt']}] " if entry["msgctxt"] else ""
    return context + entry["msgid"]


def test_there_is_a_catalogue_for_each_language_but_english():
    languages = {po.parts[-3] for po in CATALOGUES}

    assert languages == {code for code, _name in settings.LANGUAGES} - {"en"}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt")
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parts[-3])
def test_catalogue_is_valid_and_complete(po):
    checked = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    catalogue = entries(po)
    untranslated = [_name(e) for e in catalogue if not all(e["msgstr"])]
    fuzzy = [_name(e) for e in catalogue if "fuzzy" in e["flags"]]

    assert checked.returncode == 0, checked.stderr
    assert (untranslated, fuzzy) == ([], []), (
        f"{po.parts[-3]}: {checked.stderr.strip()}\n"
        f"{len(untranslated)} untranslated:\n  " + "\n  ".join(untranslated) + "\n"
        f"{len(fuzzy)} fuzzy:\n  " + "\n  ".join(fuzzy)
    )
