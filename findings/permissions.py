"""Who may do what with a finding: one named predicate per rule, composed.

A ``Predicate`` asks one question about a user and a finding (is a curator, acts for the
finding's consortium, wrote it). Predicates compose with ``&``, ``|`` and ``~``, as
pretalx's ``rules`` do; the workflow table (``findings.workflow``) names, per transition, the
predicate that decides who may take it. A predicate may carry the sentence that explains a
refusal on its own account (a coordinator signing off their own finding); otherwise the
transition's own refusal sentence is used.

Members (a ``ConsortiumAccess`` of role member or coordinator) write their consortium's
findings while they are drafts or changes are requested, and submit them. A coordinator
signs off the members' submissions (never their own). Curators review: they request
changes, publish, reject and withdraw, and may correct any finding's content.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from consortia.enums import AccessRole
from consortia.models import ConsortiumAccess
from consortia.permissions import access_role, acts_for, consortia_for

from .enums import FindingStatus
from .models import Finding
from .states import MEMBER_EDITABLE_STATES, MEMBER_TRANSLATABLE_STATES

CURATOR_PERMISSION = "findings.review_finding"
CURATOR_PERMISSION_CODENAME = CURATOR_PERMISSION.split(".")[1]


class Predicate:
    """A named yes/no question about ``(user, finding)``; compose with ``&``, ``|``, ``~``.

    ``reason`` is the sentence that explains a "no" on this predicate's own account (with
    ``%(consortium)s`` available), or ``None`` to leave the explanation to the caller.
    """

    def __init__(self, test: Callable[..., bool], *, name: str, reason=None):
        self.test = test
        self.name = name
        self.reason = reason

    def __call__(self, user, finding=None) -> bool:
        return bool(self.test(user, finding))

    def failing_reason(self, user, finding=None):
        """The ``reason`` of the predicate that says no, or ``None`` (a yes, or no reason)."""
        return None if self(user, finding) else self.reason

    def __and__(self, other: "Predicate") -> "Predicate":
        return _All(self, other)

    def __or__(self, other: "Predicate") -> "Predicate":
        return Predicate(
            lambda user, finding: self(user, finding) or other(user, finding),
            name=f"({self.name} | {other.name})",
        )

    def __invert__(self) -> "Predicate":
        return Predicate(lambda user, finding: not self(user, finding), name=f"~{self.name}")

    def explained(self, reason) -> "Predicate":
        """The same question, refusing with ``reason``."""
        return Predicate(self.test, name=self.name, reason=reason)

    def __repr__(self) -> str:
        return f"<Predicate {self.name}>"


class _All(Predicate):
    """Every part says yes; a "no" is explained by the first part that says it."""

    def __init__(self, *parts: Predicate):
        self.parts = parts
        super().__init__(
            lambda user, finding: all(part(user, finding) for part in parts),
            name=" & ".join(part.name for part in parts),
        )

    def failing_reason(self, user, finding=None):
        for part in self.parts:
            if not part(user, finding):
                return part.failing_reason(user, finding)
        return None


def predicate(name: str, reason=None):
    """Decorate ``test(user, finding) -> bool`` into a ``Predicate``."""
    return lambda test: Predicate(test, name=name, reason=reason)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# ---------------------------------------------------------------- who someone is


def is_curator_account(user) -> bool:
    """An active staff account holding ``findings.review_finding`` (the "Curators" group has
    it), or an active superuser. The one definition of a curator: ``curator_accounts()`` is
    the same question asked of every account, ``events.roles`` grants the permission."""
    if not _active(user):
        return False
    return user.is_superuser or (user.is_staff and user.has_perm(CURATOR_PERMISSION))


def curator_accounts() -> QuerySet:
    """Every account ``is_curator`` says yes to."""
    codename = CURATOR_PERMISSION_CODENAME
    app_label = CURATOR_PERMISSION.split(".")[0]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                is_staff=True,
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label=app_label,
            )
            | Q(
                is_staff=True,
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label,
            )
        )
        .distinct()
    )


is_curator = predicate("curator")(lambda user, finding=None: is_curator_account(user))


@predicate("member")
def is_member(user, finding) -> bool:
    """Acts for the finding's consortium (as member or coordinator)."""
    return acts_for(user, finding.consortium)


@predicate("coordinator")
def is_coordinator(user, finding) -> bool:
    """A coordinator of the finding's consortium."""
    return access_role(user, finding.consortium) == AccessRole.COORDINATOR


@predicate("author")
def is_author(user, finding) -> bool:
    return _active(user) and finding.author_id == user.pk


#: A coordinator vouches for others' work, never their own.
signs_off = is_coordinator & (~is_author).explained(
    _("You wrote this finding yourself: another coordinator of %(consortium)s must sign it off.")
)


def in_states(*states: str) -> Predicate:
    return Predicate(
        lambda user, finding: finding.status in states, name=f"in_states{sorted(states)}"
    )


def signoff_coordinators(finding: Finding) -> QuerySet:
    """The active coordinators who may sign the finding off: its consortium's, not its
    author."""
    User = get_user_model()
    coordinators = ConsortiumAccess.objects.filter(
        consortium_id=finding.consortium_id, role=AccessRole.COORDINATOR
    ).values("user")
    return User.objects.filter(is_active=True, pk__in=coordinators).exclude(
        pk=finding.author_id or 0
    )


def needs_coordinator_signoff(finding: Finding) -> bool:
    """A submission of this finding goes to a coordinator first: its consortium asks for
    sign-off and has a coordinator (other than the author) to give it. Otherwise it goes to
    the curators directly."""
    return (
        finding.consortium.requires_coordinator_signoff and signoff_coordinators(finding).exists()
    )


# ---------------------------------------------------------------- what someone may do


def findings_visible_to_member(user) -> QuerySet[Finding]:
    """Every finding, in any state, of the consortia the user acts for."""
    return Finding.objects.filter(consortium__in=consortia_for(user))


def can_view_member_finding(user, finding: Finding) -> bool:
    """May see the finding in the members' workplace, with its review thread."""
    return is_member(user, finding)


def can_read_review_thread(user, finding: Finding) -> bool:
    return (is_curator | is_member)(user, finding)


def can_download_attachment(user, finding: Finding) -> bool:
    """Anyone for a public finding; otherwise its consortium's members and the curators."""
    return finding.is_public or (is_member | is_curator)(user, finding)


def can_download_output_file(user, output) -> bool:
    """The same rule for an output's files: anyone once the output's page answers (published
    or withdrawn); otherwise its consortium's members and the curators."""
    return can_download_attachment(user, output)


def can_create_finding_for(user, consortium) -> bool:
    return acts_for(user, consortium)


#: Members edit their consortium's drafts and findings with changes requested; curators
#: may correct any finding's content (never its status: that takes a decision).
may_edit = is_curator | (is_member & in_states(*MEMBER_EDITABLE_STATES))

#: Members translate while they write and while their finding is reviewed; curators always.
may_translate = is_curator | (is_member & in_states(*MEMBER_TRANSLATABLE_STATES))


def can_edit_finding(user, finding: Finding) -> bool:
    return may_edit(user, finding)


def can_translate_finding(user, finding: Finding) -> bool:
    return may_translate(user, finding)


def can_delete_finding(user, finding: Finding) -> bool:
    """Curators may delete a draft (never submitted, so it has no review record). Anything
    else keeps its record: a submission is rejected, a published finding withdrawn."""
    return is_curator(user) and finding.status == FindingStatus.DRAFT
