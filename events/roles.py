"""The Curators group: the permissions curation needs, kept in step with the models."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from findings.permissions import CURATOR_PERMISSION

CURATORS_GROUP = "Curators"

# What curation needs: full control of the programme's content, reading the review log and
# history, and enough of the user model to invite members. No superuser powers.
CURATOR_PERMISSIONS = {
    "consortia": {
        "programme": "vacd",
        "organisation": "vacd",
        "person": "vacd",
        "consortium": "vacd",
        "membership": "vacd",
        "consortiumaccess": "vacd",
        # Requests come from members (or are recorded for them); curators carry them out.
        "erasurerequest": "va",
    },
    "findings": {
        "theme": "vacd",
        "sdg": "v",
        "finding": "vacd",
        "historicalfinding": "v",
        "source": "vacd",
        "attachment": "vcd",
        "review": "v",
        "submittedfinding": "v",
        "pendingdecision": "v",
        # Members write reactions; curators decide on them (findings.reactions.services).
        "reaction": "vc",
        "submittedreaction": "vc",
        "policyuptake": "vacd",
        # Outputs: the same review as findings (findings.output_workflow).
        "output": "vacd",
        "outputfile": "vcd",
        "outputreview": "v",
        "submittedoutput": "v",
        # The structured claim (findings.claims): the lever vocabulary is the curators' own;
        # levels and SDG targets are reference data.
        "policylever": "vacd",
        "evidence": "vacd",
        "governmentlevel": "v",
        "sdgtarget": "v",
    },
    "events": {
        "event": "vacd",
        "session": "vacd",
        "contribution": "vacd",
        "breakout": "vacd",
        "keypoint": "vacd",
        "outputlaunch": "vacd",
        # Added only through events.scheduling; the day and the reason can be corrected.
        "eventschedulechange": "vc",
    },
    # Curators manage member accounts, never privileges: see consortia.admin_users.
    "auth": {"user": "vac"},
}
# The permission that makes a staff account a curator (findings.permissions.is_curator).
EXTRA_CURATOR_PERMISSIONS = [
    tuple(CURATOR_PERMISSION.split(".")),
    ("consortia", "erase_account"),
]
ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def curator_permission_query() -> Q:
    query = Q(pk__in=[])
    for app_label, models in CURATOR_PERMISSIONS.items():
        for model, letters in models.items():
            codenames = [f"{ACTIONS[letter]}_{model}" for letter in letters]
            query |= Q(content_type__app_label=app_label, codename__in=codenames)
    for app_label, codename in EXTRA_CURATOR_PERMISSIONS:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def ensure_curators_group(using: str = "default") -> Group:
    """Create the group, or bring its permissions back to exactly what curation needs."""
    group, _ = Group.objects.using(using).get_or_create(name=CURATORS_GROUP)
    wanted = set(Permission.objects.using(using).filter(curator_permission_query()))
    if set(group.permissions.all()) != wanted:
        group.permissions.set(wanted)
    return group
