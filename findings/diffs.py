"""What changed in a finding since its previous submission: the curators' and the
coordinators' review pages show it."""

import difflib

from .enums import ReviewDecision
from .models import Finding

DIFF_FIELDS = [
    ("title", "Title"),
    ("summary", "Summary"),
    ("body", "Body"),
    ("countries", "Countries"),
    ("themes", "Themes"),
    ("sdgs", "SDGs"),
]


def _related_names(record, field: str) -> list[str]:
    # A live finding holds themes and SDGs; a history record holds rows pointing at them.
    related = [getattr(item, field[:-1], item) for item in getattr(record, field).all()]
    return sorted(str(item) for item in related)


def _text(record, field: str) -> str:
    if field in {"themes", "sdgs"}:
        return "\n".join(_related_names(record, field))
    value = getattr(record, field, "") or ""
    if field == "countries":
        return ", ".join(str(code) for code in value) if not isinstance(value, str) else value
    return str(value)


def submission_records(finding: Finding) -> list:
    """The finding's history records made by a submission, newest first."""
    return list(
        finding.history.filter(history_change_reason=ReviewDecision.SUBMIT).order_by(
            "-history_date", "-history_id"
        )
    )


def diff_since_previous_submission(finding: Finding) -> list[dict] | None:
    """Per changed field, the unified-diff lines between the previous submission and now;
    ``None`` when this is the first submission."""
    records = submission_records(finding)
    if len(records) < 2:
        return None
    previous = records[1]
    changes = []
    for field, label in DIFF_FIELDS:
        before, after = _text(previous, field), _text(finding, field)
        if before == after:
            continue
        lines = list(
            difflib.unified_diff(
                before.splitlines(), after.splitlines(), "previous", "now", lineterm="", n=2
            )
        )[2:]
        changes.append(
            {
                "label": label,
                "lines": [
                    {"text": line, "kind": {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "")}
                    for line in lines
                ],
            }
        )
    return changes
