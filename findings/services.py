"""Every change to a finding, one function per step.

The members' views, the admin and the API all call these; none re-implements a check.
Each function checks who acts (``findings.permissions``), from which state
(``findings.workflow``) and on which version (optimistic concurrency: ``version`` is bumped
on every save and an edit based on an older one is refused with ``StaleVersion``).

Transition functions return the ``Review`` they record; the ``finding`` passed in is
refreshed in place, so callers can keep using it.
"""

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consortia.models import Consortium
from plp_portal.audit_log import audit
from plp_portal.content_changes import content_changed
from plp_portal.content_language import (
    LANGUAGE_CODES,
    active_language,
    write_original,
    write_translation,
)
from plp_portal.content_signals import kind_tag, object_tag
from plp_portal.request_context import current_request

from . import claims, emails, matching, output_services, permissions, workflow
from .attachments import CheckedFile, check_uploads, files_removed_on_failure, store_uploads
from .enums import FindingStatus, ReviewDecision
from .exceptions import (
    FindingError,
    NotPermitted,
    StaleVersion,
    TransitionNotAllowed,
)
from .models import Attachment, Finding, Review, Source
from .states import LISTED_STATES
from .workflow import check_comment

#: Fields ``finding_update`` accepts; anything else is a programming error.
CONTENT_FIELDS = ("title", "summary", "body", "countries", "kind")
RELATED_FIELDS = (
    *("themes", "sdgs", "sources", "add_attachments", "remove_attachments"),
    "outputs",
)
#: The structured claim's links (findings.claims); `evidence` replaces all its rows.
CLAIM_FIELDS = ("levers", "levels", "sdg_targets", "evidence")


# ---------------------------------------------------------------- helpers


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:80].strip("-") or "finding"
    slug, n = base, 2
    taken = Finding.objects.exclude(pk=exclude_pk) if exclude_pk else Finding.objects.all()
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _lock(finding: Finding) -> Finding:
    """The stored row, locked until the transaction ends (a no-op lock on SQLite)."""
    return Finding.objects.select_for_update().select_related("consortium").get(pk=finding.pk)


def _check_version(locked: Finding, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != locked.version:
        raise StaleVersion(expected=int(expected_version), current=locked.version)


def _save(finding: Finding, *, user, reason: str) -> None:
    """Validate and save, recording who and why in the finding's history."""
    finding.full_clean()
    finding._history_user = user if user and user.is_authenticated else None
    finding._change_reason = reason
    finding.save()


def _check_uploads(
    uploads: Iterable[Mapping[str, Any]],
) -> list[tuple[str, UploadedFile, CheckedFile]]:
    return check_uploads(uploads, "attachments")


def _store_uploads(finding: Finding, user, checked) -> list[Attachment]:
    return store_uploads(functools.partial(Attachment, finding=finding), user, checked)


def _replace_sources(finding: Finding, sources: Iterable[Mapping[str, Any]]) -> None:
    new = []
    for position, source in enumerate(sources):
        item = Source(
            finding=finding,
            label=(source.get("label") or "").strip(),
            url=(source.get("url") or "").strip(),
            position=position,
        )
        item.full_clean()
        new.append(item)
    finding.sources.all().delete()
    Source.objects.bulk_create(new)
    # bulk_create sends no post_save: say what changed, as the model signals would.
    content_changed(kind_tag(Source), object_tag(Finding, finding.pk))


def _set_outputs(finding: Finding, user, outputs: Iterable) -> None:
    """The outputs the finding rests on: its members choose among their consortia's outputs
    and the published ones (``output_services.outputs_citable_by``); curators among all."""
    ids = {getattr(output, "pk", output) for output in outputs}
    if ids and not permissions.is_curator(user):
        allowed = set(
            output_services.outputs_citable_by(user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if ids - allowed:
            raise ValidationError(
                {
                    "outputs": _(
                        "A finding can rest only on your consortium's outputs and published ones."
                    )
                }
            )
    finding.outputs.set(ids)


def _refresh(finding: Finding) -> None:
    if finding.pk:
        finding.refresh_from_db()


# ---------------------------------------------------------------- writing


@files_removed_on_failure()
@transaction.atomic
def finding_create(
    *,
    user,
    consortium: Consortium,
    title: str,
    summary: str,
    body: str = "",
    themes: Iterable = (),
    sdgs: Iterable = (),
    countries: Iterable[str] = (),
    sources: Iterable[Mapping[str, Any]] = (),
    add_attachments: Iterable[Mapping[str, Any]] = (),
    language: str | None = None,
    outputs: Iterable = (),
    kind: str = "",
    levers: Iterable = (),
    levels: Iterable = (),
    sdg_targets: Iterable = (),
    evidence: Iterable[Mapping[str, Any]] = (),
) -> Finding:
    """A new draft for ``consortium``, written by ``user`` (who must act for it) in
    ``language`` (the active language by default): its original text.

    ``sources`` are ``{"label", "url"}`` mappings; ``add_attachments`` are
    ``{"title", "file"}`` mappings whose files are checked before anything is stored;
    ``evidence`` are ``{"kind", "count", "note"}`` mappings. Its SDGs include the goals of
    its ``sdg_targets``.
    """
    if not permissions.can_create_finding_for(user, consortium):
        raise NotPermitted(_("You can only write findings for a consortium you belong to."))
    checked = _check_uploads(add_attachments)
    finding = Finding(
        consortium=consortium,
        language=language or active_language(),
        slug=_unique_slug(title),
        countries=list(countries),
        status=FindingStatus.DRAFT,
        author=user,
        version=1,
        kind=kind or "",
    )
    write_original(finding, title=title.strip(), summary=summary.strip(), body=body)
    _save(finding, user=user, reason="created")
    finding.themes.set(themes)
    finding.sdgs.set(sdgs)
    finding.levers.set(levers)
    finding.levels.set(levels)
    finding.sdg_targets.set(sdg_targets)
    claims.include_target_goals(finding)
    claims.replace_evidence(finding, evidence)
    _replace_sources(finding, sources)
    _set_outputs(finding, user, outputs)
    _store_uploads(finding, user, checked)
    return finding


def finding_edit_refusal(*, finding: Finding, user) -> FindingError | None:
    """Why ``user`` may not change ``finding``'s content now (the error ``finding_update``
    raises), or ``None``: the members' edit page asks this before it shows the form."""
    if permissions.can_edit_finding(user, finding):
        return None
    if permissions.is_member(user, finding):
        return TransitionNotAllowed(
            _(
                'This finding cannot be edited while its status is "%(status)s"; members '
                "edit drafts and findings with changes requested."
            )
            % {"status": finding.get_status_display()}
        )
    return NotPermitted(_("You can only edit findings of a consortium you belong to."))


def finding_translation_refusal(*, finding: Finding, user) -> FindingError | None:
    """Why ``user`` may not translate ``finding`` now (the error ``finding_translate``
    raises), or ``None``."""
    if permissions.can_translate_finding(user, finding):
        return None
    if permissions.is_member(user, finding):
        return TransitionNotAllowed(
            _(
                'This finding cannot be translated while its status is "%(status)s"; members '
                "translate it until the curators have decided on it."
            )
            % {"status": finding.get_status_display()}
        )
    return NotPermitted(_("You can only translate findings of a consortium you belong to."))


@files_removed_on_failure()
@transaction.atomic
def finding_update(*, finding: Finding, user, expected_version: int, **fields) -> Finding:
    """Change a finding's content; refuse if it moved past ``expected_version``.

    Accepted fields: title, summary, body, countries, kind, themes, sdgs, levers, levels,
    sdg_targets (its SDGs then include their goals), evidence (replaces all: ``{"kind",
    "count", "note"}`` mappings), sources (replaces all:
    ``{"label", "url"}`` mappings), add_attachments (``{"title", "file"}`` mappings),
    remove_attachments (attachments or their ids). The status never changes here.
    """
    unknown = set(fields) - set(CONTENT_FIELDS) - set(RELATED_FIELDS) - set(CLAIM_FIELDS)
    if unknown:
        raise TypeError(f"finding_update() got unexpected fields: {', '.join(sorted(unknown))}")
    locked = _lock(finding)
    refusal = finding_edit_refusal(finding=locked, user=user)
    if refusal is not None:
        raise refusal
    _check_version(locked, expected_version)
    checked = _check_uploads(fields.get("add_attachments", ()))
    for name in CONTENT_FIELDS:
        if name in fields:
            value = fields[name]
            if name in ("title", "summary"):
                value = value.strip()
            if name == "countries":
                locked.countries = list(value)
            elif name == "kind":
                locked.kind = value or ""
            else:
                write_original(locked, **{name: value})  # translations: finding_translate
    locked.version += 1
    _save(locked, user=user, reason="edited")
    if "themes" in fields:
        locked.themes.set(fields["themes"])
    if "sdgs" in fields:
        locked.sdgs.set(fields["sdgs"])
    for name in ("levers", "levels", "sdg_targets"):
        if name in fields:
            getattr(locked, name).set(fields[name])
    if "sdgs" in fields or "sdg_targets" in fields:
        claims.include_target_goals(locked)
    if "evidence" in fields:
        claims.replace_evidence(locked, fields["evidence"])
    if "sources" in fields:
        _replace_sources(locked, fields["sources"])
    if "outputs" in fields:
        _set_outputs(locked, user, fields["outputs"])
    remove = [getattr(a, "pk", a) for a in fields.get("remove_attachments", ())]
    if remove:
        # Their files go once this is committed (findings.attachments.remove_file_after_commit).
        locked.attachments.filter(pk__in=remove).delete()
    _store_uploads(locked, user, checked)
    _refresh(finding)
    return locked


@transaction.atomic
def finding_translate(
    *,
    finding: Finding,
    user,
    language: str,
    expected_version: int,
    title: str,
    summary: str,
    body: str = "",
) -> Finding:
    """Add or change ``finding``'s translation into ``language`` (not its original language:
    that is its text, changed by ``finding_update``). An empty field removes its translation:
    readers of ``language`` see the original instead."""
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": f"Unknown language: {language}."})
    locked = _lock(finding)
    if language == locked.language:
        raise ValidationError({"language": "This is the language the finding is written in."})
    refusal = finding_translation_refusal(finding=locked, user=user)
    if refusal is not None:
        raise refusal
    _check_version(locked, expected_version)
    write_translation(locked, language, title=title.strip(), summary=summary.strip(), body=body)
    locked.version += 1
    _save(locked, user=user, reason=f"translated into {language}")
    _refresh(finding)
    return locked


@transaction.atomic
def finding_save_as_curator(
    *, finding: Finding, user, expected_version: int | None, reason: str = "edited"
) -> Finding:
    """Save a curator's edit made on a whole-object form (the admin's change form, or
    restoring an earlier version from the history).

    ``finding`` carries the new content; its status, publication date and version are
    taken from the stored row (a status changes only by a decision), the version is checked
    against ``expected_version`` and bumped.
    """
    if not permissions.is_curator(user):
        raise NotPermitted(_("Only curators can edit findings here."))
    stored = _lock(finding)
    _check_version(stored, expected_version)
    finding.status = stored.status
    finding.published_at = stored.published_at
    finding.version = stored.version + 1
    _save(finding, user=user, reason=reason)
    if stored.status in LISTED_STATES:
        # A listed finding's themes, goals or countries may have changed.
        transaction.on_commit(
            functools.partial(matching.rebuild_for_consortium, finding.consortium_id)
        )
    return finding


def finding_deletion_refusal(*, finding: Finding, user) -> FindingError | None:
    """Why ``user`` may not delete ``finding`` (the error ``finding_delete`` raises), or
    ``None`` when they may: the admin asks this before it offers a deletion."""
    if permissions.can_delete_finding(user, finding):
        return None
    if permissions.is_curator(user):
        return TransitionNotAllowed(
            _("Only a draft can be deleted: reject a submitted finding, withdraw a published one.")
        )
    return NotPermitted(_("Only curators can delete findings."))


@transaction.atomic
def finding_delete(*, finding: Finding, user) -> None:
    """Delete a draft. A submitted finding is rejected and a published one withdrawn instead,
    so that its review record stays. The attachments' files go once this is committed."""
    locked = _lock(finding)
    refusal = finding_deletion_refusal(finding=locked, user=user)
    if refusal is not None:
        raise refusal
    locked._history_user = user
    locked._change_reason = "deleted"
    locked.delete()


# ---------------------------------------------------------------- decisions


def _record(locked: Finding, *, user, transition, comment: str, review: Review | None = None):
    """Move ``locked`` along ``transition`` and record the step (or release ``review``)."""
    was_listed = locked.status in LISTED_STATES
    locked.status = transition.target_for(locked)
    if was_listed != (locked.status in LISTED_STATES):
        # It entered or left the lists: its consortium's organisations match differently.
        transaction.on_commit(
            functools.partial(matching.rebuild_for_consortium, locked.consortium_id)
        )
    if locked.status == FindingStatus.PUBLISHED:
        locked.published_at = timezone.now()
    locked.version += 1
    _save(locked, user=user, reason=transition.action)
    now = timezone.now()
    if review is None:
        review = Review.objects.create(
            finding=locked,
            reviewer=user,
            decision=transition.action,
            comment=comment,
            released_at=now,
        )
    else:
        review.released_at = now
        review.save(update_fields=["released_at"])
    # Once it holds: a decision rolled back with its transaction was never taken.
    transaction.on_commit(
        functools.partial(
            audit,
            "review_decision",
            user_id=user.pk,
            request=current_request(),
            decision=str(transition.action),
            finding=locked.pk,
            review=review.pk,
        )
    )
    emails.notify_next(review, status=locked.status)
    return review


def _decide(
    *,
    finding: Finding,
    user,
    action: str,
    comment: str,
    expected_version: int | None,
    pending: bool = False,
) -> Review:
    locked = _lock(finding)
    transition = workflow.check(user, locked, action)
    comment = check_comment(action, comment)
    _check_version(locked, expected_version)
    if pending and not transition.may_be_pending:
        raise TransitionNotAllowed(
            _("Only a curator's decision on a submitted finding can be kept pending.")
        )
    # A new decision replaces one kept pending: it was never released, so never told.
    Review.objects.filter(finding=locked, released_at__isnull=True).delete()
    if pending:
        review = Review.objects.create(
            finding=locked, reviewer=user, decision=transition.action, comment=comment
        )
        transaction.on_commit(
            functools.partial(
                audit,
                "review_decision_pending",
                user_id=user.pk,
                request=current_request(),
                decision=str(transition.action),
                finding=locked.pk,
                review=review.pk,
            )
        )
    else:
        review = _record(locked, user=user, transition=transition, comment=comment)
    _refresh(finding)
    return review


def finding_decide(
    *,
    finding: Finding,
    user,
    action: str,
    comment: str = "",
    expected_version: int | None = None,
    pending: bool = False,
) -> Review:
    """Take the step ``action`` of the workflow table (``findings.workflow``) on ``finding``.

    ``pending`` (curators' decisions on a submission only) records the decision without
    taking it: the finding stays under review, nothing is public and nobody is told until
    ``finding_release``. A later decision replaces a pending one.
    """
    with transaction.atomic():
        return _decide(
            finding=finding,
            user=user,
            action=action,
            comment=comment,
            expected_version=expected_version,
            pending=pending,
        )


def _service(action: ReviewDecision, doc: str):
    def service(
        *,
        finding: Finding,
        user,
        comment: str = "",
        expected_version: int | None = None,
        pending: bool = False,
    ) -> Review:
        return finding_decide(
            finding=finding,
            user=user,
            action=action,
            comment=comment,
            expected_version=expected_version,
            pending=pending,
        )

    service.__name__ = f"finding_{action}"
    service.__doc__ = doc
    return service


finding_submit = _service(
    ReviewDecision.SUBMIT,
    "A member sends a draft (or a revised version) on: to a coordinator of the consortium "
    "when it asks for sign-off and has one, otherwise to the curators.",
)
finding_approve = _service(
    ReviewDecision.APPROVE, "A coordinator signs a member's submission off, to the curators."
)
finding_send_back = _service(
    ReviewDecision.SEND_BACK,
    "A coordinator sends a submission back to its members; the comment says what to change.",
)
finding_request_changes = _service(
    ReviewDecision.REQUEST_CHANGES,
    "A curator sends a submission back to its members; the comment says what to change.",
)
finding_publish = _service(
    ReviewDecision.PUBLISH, "A curator publishes a submission: it appears on the public site."
)
finding_reject = _service(
    ReviewDecision.REJECT, "A curator turns a submission down for good; the comment says why."
)
finding_withdraw = _service(
    ReviewDecision.WITHDRAW,
    "A curator withdraws a published finding; its page stays up, marked withdrawn.",
)

DECISION_SERVICES = {
    ReviewDecision.SUBMIT: finding_submit,
    ReviewDecision.APPROVE: finding_approve,
    ReviewDecision.SEND_BACK: finding_send_back,
    ReviewDecision.REQUEST_CHANGES: finding_request_changes,
    ReviewDecision.PUBLISH: finding_publish,
    ReviewDecision.REJECT: finding_reject,
    ReviewDecision.WITHDRAW: finding_withdraw,
}


def pending_decision(finding: Finding) -> Review | None:
    """The decision a curator recorded on ``finding`` and has not released yet."""
    return finding.reviews.filter(released_at__isnull=True).select_related("reviewer").first()


@transaction.atomic
def finding_release(*, finding: Finding, user) -> Review:
    """Release the decision kept pending on ``finding``: it is taken now (the finding is
    published, sent back or rejected) and its members are told."""
    if not permissions.is_curator(user):
        raise NotPermitted(_("Only curators can release decisions."))
    locked = _lock(finding)
    review = locked.reviews.filter(released_at__isnull=True).first()
    if review is None:
        raise TransitionNotAllowed(_("No decision on this finding is waiting to be released."))
    transition = workflow.check(user, locked, review.decision)
    review = _record(
        locked, user=user, transition=transition, comment=review.comment, review=review
    )
    _refresh(finding)
    return review


def release_all(*, user) -> list[Review]:
    """Release every pending decision, oldest first; each in its own transaction, so one
    that can no longer be taken does not hold back the others (it stays pending)."""
    if not permissions.is_curator(user):
        raise NotPermitted(_("Only curators can release decisions."))
    released = []
    pending = Review.objects.filter(released_at__isnull=True).order_by("created_at", "id")
    for review in pending.select_related("finding"):
        try:
            released.append(finding_release(finding=review.finding, user=user))
        except FindingError:
            continue
    return released


def allowed_actions(user, finding: Finding, door: str | None = None) -> list[str]:
    """The decisions (``ReviewDecision`` values) this user may take on the finding now."""
    return [str(t.action) for t in workflow.available(user, finding, door)]
