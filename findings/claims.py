"""Findings as structured claims: what a finding's kind, policy levers, levels of government,
evidence and SDG targets are, and the rules that tie them together.

One rule lives here: a finding's SDGs include the goals of its SDG targets (choosing target
12.6 implies SDG 12). ``findings.services`` applies it whenever it saves targets or SDGs, and
the admin after its form saved the links.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plp_portal.content_changes import content_changed
from plp_portal.content_signals import kind_tag, object_tag

from .enums import EvidenceKind
from .models import Evidence, Finding, GovernmentLevel, PolicyLever, SDGTarget

#: What a page showing findings' claims shows besides the findings (its cache's tags).
CLAIM_MODELS = (PolicyLever, Evidence, SDGTarget, GovernmentLevel)

#: The order evidence is shown in: the vocabulary's own.
EVIDENCE_ORDER = {kind: position for position, kind in enumerate(EvidenceKind.values)}


def include_target_goals(finding: Finding) -> None:
    """Add to ``finding``'s SDGs the goals of its targets that it lacks (nothing when none
    is missing: one query without targets, two with)."""
    goals = set(
        SDGTarget.objects.filter(findings=finding).values_list("goal_id", flat=True).distinct()
    )
    missing = goals - set(finding.sdgs.values_list("number", flat=True)) if goals else set()
    if missing:
        finding.sdgs.add(*sorted(missing))


def clean_evidence(rows: Iterable[Mapping[str, Any]]) -> list[Evidence]:
    """Unsaved Evidence rows from ``{"kind", "count", "note"}`` mappings, checked: a known
    kind, each kind once, a count of at least 1 where one is given."""
    items, seen, errors = [], set(), []
    for row in rows:
        count = row.get("count")
        item = Evidence(
            kind=row.get("kind") or "",
            count=None if count in (None, "") else count,
            note=(row.get("note") or "").strip(),
        )
        if item.kind in seen:
            errors.append(
                _("%(kind)s is given twice: give each kind of evidence once.")
                % {"kind": item.get_kind_display()}
            )
            continue
        seen.add(item.kind)
        try:
            item.full_clean(exclude=["finding"], validate_constraints=False)
        except ValidationError as error:
            errors.extend(
                f"{item.get_kind_display() or item.kind}: {message}"
                for messages in error.message_dict.values()
                for message in messages
            )
            continue
        items.append(item)
    if errors:
        raise ValidationError({"evidence": errors})
    return sorted(items, key=lambda item: EVIDENCE_ORDER.get(item.kind, 99))


def replace_evidence(finding: Finding, rows: Iterable[Mapping[str, Any]]) -> None:
    """``finding``'s evidence becomes ``rows`` (checked first: nothing changes on an error)."""
    items = clean_evidence(rows)
    for item in items:
        item.finding = finding
    finding.evidence.all().delete()
    Evidence.objects.bulk_create(items)
    # bulk_create sends no post_save: say what changed, as the model signals would.
    content_changed(kind_tag(Evidence), object_tag(Finding, finding.pk))
