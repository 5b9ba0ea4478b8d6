"""The structured claim of each of the 2021 programme's findings (findings.claims): its kind,
the policy levers it concerns, the levels of government it addresses, the evidence it rests
on and its SDG targets, as its summary supports them.

Counts of evidence are given only where the programme's public facts give them (the Respond,
Rebuild and Reinvent consortium's nine cities); otherwise the kind of evidence alone. Every
target belongs to one of the finding's SDGs, so the rule that a target implies its goal adds
nothing to the programme's SDGs.
"""

from findings.claims import include_target_goals
from findings.models import Evidence, Finding, GovernmentLevel, PolicyLever, SDGTarget

# slug: (kind, lever slugs, levels, [(evidence kind, count or None)], SDG target codes)
CLAIMS = {
    "silk-collaborators-and-intangible-assets": (
        "observation",
        ["networks-and-platforms"],
        ["international"],
        [("literature", None)],
        ["8.3", "17.17"],
    ),
    "silk-enabling-policies-for-internationalisation": (
        "lesson_learned",
        ["finance", "networks-and-platforms"],
        ["national", "international"],
        [("literature", None)],
        ["8.3", "17.14"],
    ),
    "impact-hub-enablers-and-networks": (
        "lesson_learned",
        ["networks-and-platforms", "capacity-building"],
        ["international"],
        [("stakeholder_consultation", None)],
        ["8.3", "17.17"],
    ),
    "impact-hub-women-principles": (
        "observation",
        ["capacity-building", "networks-and-platforms"],
        ["local", "international"],
        [("case_studies", None)],
        ["5.5", "8.3"],
    ),
    "pl4se-legal-entities-and-shared-values": (
        "observation",
        ["legal-framework"],
        ["national"],
        [("literature", None)],
        ["8.3", "16.b"],
    ),
    "pl4se-advanced-legal-frameworks": (
        "lesson_learned",
        ["legal-framework", "public-procurement", "capacity-building"],
        ["national"],
        [("literature", None)],
        ["16.b", "17.14"],
    ),
    "sim-sdgs-as-impact-measurement-tool": (
        "observation",
        ["visibility-and-measurement"],
        ["local", "national"],
        [("case_studies", None), ("literature", None)],
        ["17.19"],
    ),
    "sim-toolbox-of-good-practices": (
        "recommendation",
        ["visibility-and-measurement", "finance"],
        ["national", "international"],
        [("case_studies", None)],
        ["12.6", "17.19"],
    ),
    "social-value-meaningful-stakeholder-engagement": (
        "recommendation",
        ["visibility-and-measurement"],
        ["local", "national"],
        [("stakeholder_consultation", None)],
        ["16.7", "17.17"],
    ),
    "social-value-capacity-and-policy": (
        "recommendation",
        ["capacity-building", "visibility-and-measurement"],
        ["national"],
        [("stakeholder_consultation", None)],
        ["4.4", "17.17"],
    ),
    "rrr-covid-19-and-local-ecosystems": (
        "observation",
        ["networks-and-platforms"],
        ["local"],
        [("case_studies", 9)],
        ["8.3", "11.3"],
    ),
    "rrr-cities-convene-and-connect": (
        "lesson_learned",
        ["networks-and-platforms"],
        ["local"],
        [("case_studies", 9)],
        ["11.3", "17.17"],
    ),
    "sim-investors-and-sdg-reporting": (
        "recommendation",
        ["finance", "visibility-and-measurement"],
        ["international"],
        [],
        ["17.19"],
    ),
    "silk-draft-internationalisation-toolkit": (
        "recommendation",
        ["capacity-building"],
        ["international"],
        [],
        ["8.3"],
    ),
}


def load_claims(findings: dict[str, Finding]) -> None:
    """Give the programme's findings their claims; a second run changes nothing."""
    levers = {lever.slug: lever for lever in PolicyLever.objects.all()}
    levels = {level.code: level for level in GovernmentLevel.objects.all()}
    targets = {target.code: target for target in SDGTarget.objects.all()}
    for slug, (kind, lever_slugs, level_codes, evidence, target_codes) in CLAIMS.items():
        finding = findings[slug]
        if finding.kind != kind:
            Finding.objects.filter(pk=finding.pk).update(kind=kind)
            finding.kind = kind
        _set(finding.levers, [levers[s] for s in lever_slugs])
        _set(finding.levels, [levels[code] for code in level_codes])
        _set(finding.sdg_targets, [targets[code] for code in target_codes])
        include_target_goals(finding)
        stored = set(finding.evidence.values_list("kind", "count"))
        if stored != set(evidence):
            finding.evidence.all().delete()
            Evidence.objects.bulk_create(
                Evidence(finding=finding, kind=kind_, count=count) for kind_, count in evidence
            )


def _set(manager, objects) -> None:
    if set(manager.all()) != set(objects):
        manager.set(objects)
