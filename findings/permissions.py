"""Who may do what with a finding: one named predicate per rule.

Members (a ``ConsortiumAccess`` of role member or coordinator) write their consortium's
findings while they are drafts or changes are requested, and submit them. Curators review:
they request changes, publish, reject and withdraw, and may correct any finding's content.
The state a step starts from is checked by ``findings.workflow``; services check both.
"""

from django.db.models import QuerySet

from consortia.permissions import acts_for, consortia_for

from .enums import FindingStatus
from .models import Finding
from .workflow import MEMBER_EDITABLE_STATES

CURATOR_PERMISSION = "findings.review_finding"


def is_curator(user) -> bool:
    """An active staff account holding ``findings.review_finding`` (the "Curators" group has
    it), or an active superuser."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or (user.is_staff and user.has_perm(CURATOR_PERMISSION))


def findings_visible_to_member(user) -> QuerySet[Finding]:
    """Every finding, in any state, of the consortia the user acts for."""
    return Finding.objects.filter(consortium__in=consortia_for(user))


def can_view_member_finding(user, finding: Finding) -> bool:
    """May see the finding in the members' workplace, with its review thread."""
    return acts_for(user, finding.consortium)


def can_read_review_thread(user, finding: Finding) -> bool:
    return is_curator(user) or can_view_member_finding(user, finding)


def can_download_attachment(user, finding: Finding) -> bool:
    """Anyone for a public finding; otherwise its consortium's members and the curators."""
    return finding.is_public or acts_for(user, finding.consortium) or is_curator(user)


def can_create_finding_for(user, consortium) -> bool:
    return acts_for(user, consortium)


def can_edit_finding(user, finding: Finding) -> bool:
    """Members edit their consortium's drafts and findings with changes requested; curators
    may correct any finding's content (never its status: that takes a decision)."""
    if is_curator(user):
        return True
    return finding.status in MEMBER_EDITABLE_STATES and acts_for(user, finding.consortium)


#: Members translate their findings while they write them and while curators review them.
MEMBER_TRANSLATABLE_STATES = frozenset({*MEMBER_EDITABLE_STATES, FindingStatus.SUBMITTED})


def can_translate_finding(user, finding: Finding) -> bool:
    """Members of the finding's consortium add or change its translations while it is a
    draft, has changes requested or is submitted; curators translate any finding."""
    if is_curator(user):
        return True
    return finding.status in MEMBER_TRANSLATABLE_STATES and acts_for(user, finding.consortium)


def can_submit(user, finding: Finding) -> bool:
    """Members of the finding's consortium submit it (from draft or changes requested)."""
    return acts_for(user, finding.consortium)


def can_review(user, finding: Finding) -> bool:
    """Curators request changes, publish, reject and withdraw."""
    return is_curator(user)


def can_delete_finding(user, finding: Finding) -> bool:
    """Curators may delete a draft (never submitted, so it has no review record). Anything
    else keeps its record: a submission is rejected, a published finding withdrawn."""
    return is_curator(user) and finding.status == FindingStatus.DRAFT
