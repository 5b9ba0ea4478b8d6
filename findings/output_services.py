"""Every change to an output, one function per step (as ``findings.services`` for findings).

The members' views, the admin and the API call these; who may do what is asked of
``findings.permissions`` and the workflow table (``findings.output_workflow``), never
re-implemented by a door.
"""

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consortia.models import Consortium
from consortia.permissions import acts_for, consortia_for
from plp_portal.audit_log import audit
from plp_portal.request_context import current_request

from . import output_workflow, permissions
from .attachments import check_uploads, files_removed_on_failure, store_uploads
from .enums import FindingStatus
from .exceptions import FindingError, NotPermitted, TransitionNotAllowed
from .output_models import Output, OutputFile, OutputReview
from .states import LISTED_STATES, PUBLIC_STATES

#: Fields members write; the status, slug and dates are the workflow's.
CONTENT_FIELDS = (
    "output_type",
    "title",
    "summary",
    "date",
    "language",
    "licence",
    "url",
    "doi",
)
RELATED_FIELDS = ("people", "organisations")


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:80].strip("-") or "output"
    slug, n = base, 2
    taken = Output.objects.exclude(pk=exclude_pk) if exclude_pk else Output.objects.all()
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_related(output: Output, fields: dict) -> None:
    for name in RELATED_FIELDS:
        if name in fields:
            getattr(output, name).set(fields[name])


def outputs_visible_to_member(user) -> QuerySet[Output]:
    """Every output, in any state, of the consortia the user acts for."""
    return Output.objects.filter(consortium__in=consortia_for(user))


def member_outputs(user) -> list[Output]:
    """The outputs of the user's consortia for the dashboard, what needs action first (at
    most 100: a consortium's outputs are few)."""
    order = {
        FindingStatus.CHANGES_REQUESTED: 0,
        FindingStatus.DRAFT: 1,
        FindingStatus.AWAITING_SIGNOFF: 2,
        FindingStatus.SUBMITTED: 3,
    }
    outputs = list(
        outputs_visible_to_member(user).select_related("consortium").order_by("-updated_at")[:100]
    )
    return sorted(outputs, key=lambda output: order.get(output.status, 9))


def outputs_citable_by(user) -> QuerySet[Output]:
    """What a finding of ``user`` may rest on: their consortia's outputs (in any state) and
    every published one."""
    return Output.objects.filter(
        Q(consortium__in=consortia_for(user)) | Q(status__in=LISTED_STATES)
    ).distinct()


#: The members' finding page lists at most this many of the outputs it rests on.
FINDING_OUTPUTS_LIMIT = 100


def finding_outputs_for_member(finding, user) -> list[Output]:
    """The outputs ``finding`` rests on that ``user`` may read, whatever their state: their
    consortia's (each with ``member_url``, its page in the members' area) and the public
    ones of other consortia (``member_url`` empty: their public page). By title, capped."""
    own = set(consortia_for(user).values_list("pk", flat=True))
    outputs = list(
        finding.outputs.filter(Q(consortium__in=own) | Q(status__in=PUBLIC_STATES))
        .select_related("consortium")
        .order_by("title", "id")[:FINDING_OUTPUTS_LIMIT]
    )
    for output in outputs:
        output.member_url = (
            reverse("members:output_detail", args=[output.slug])
            if output.consortium_id in own
            else ""
        )
    return outputs


def output_edit_refusal(*, output: Output, user) -> FindingError | None:
    """Why ``user`` may not change ``output`` now, or ``None``."""
    if permissions.may_edit(user, output):
        return None
    if permissions.is_member(user, output):
        return TransitionNotAllowed(
            _(
                'This output cannot be edited while its status is "%(status)s"; members '
                "edit drafts and outputs with changes requested."
            )
            % {"status": output.get_status_display()}
        )
    return NotPermitted(_("You can only edit outputs of a consortium you belong to."))


def _store_files(output: Output, user, checked) -> list[OutputFile]:
    return store_uploads(functools.partial(OutputFile, output=output), user, checked)


def output_create(
    *, user, consortium: Consortium, add_files: Iterable[Mapping[str, Any]] = (), **fields
) -> Output:
    """A member records a draft output for a consortium they act for. ``add_files`` are
    ``{"title", "file"}`` mappings, checked as a finding's attachments (``ValidationError``
    under ``files``; one bad file stores nothing)."""
    with files_removed_on_failure():
        return _output_create(user=user, consortium=consortium, add_files=add_files, **fields)


@transaction.atomic
def _output_create(*, user, consortium: Consortium, add_files, **fields) -> Output:
    if not acts_for(user, consortium):
        raise NotPermitted(_("You can only record outputs for a consortium you belong to."))
    output = Output(
        consortium=consortium,
        author=user,
        slug=_unique_slug(fields.get("title", "")),
        **{name: fields[name] for name in CONTENT_FIELDS if name in fields},
    )
    checked = _checked_files(add_files)
    output.full_clean()
    output.save()
    _set_related(output, fields)
    _store_files(output, user, checked)
    return output


def _checked_files(uploads: Iterable[Mapping[str, Any]]) -> list:
    return check_uploads(uploads, "files")


def output_update(
    *,
    output: Output,
    user,
    add_files: Iterable[Mapping[str, Any]] = (),
    remove_files: Iterable[Any] = (),
    **fields,
) -> Output:
    """Change an output's content (never its status); add files (``{"title", "file"}``
    mappings) and remove some (files or their ids) of this output."""
    with files_removed_on_failure():
        return _output_update(
            output=output, user=user, add_files=add_files, remove_files=remove_files, **fields
        )


@transaction.atomic
def _output_update(*, output: Output, user, add_files, remove_files, **fields) -> Output:
    locked = Output.objects.select_for_update().select_related("consortium").get(pk=output.pk)
    error = output_edit_refusal(output=locked, user=user)
    if error is not None:
        raise error
    for name in CONTENT_FIELDS:
        if name in fields:
            setattr(locked, name, fields[name])
    checked = _checked_files(add_files)
    locked.full_clean()
    locked.save()
    _set_related(locked, fields)
    remove = [getattr(f, "pk", f) for f in remove_files]
    if remove:
        # Their files go once this is committed (findings.attachments.remove_file_after_commit).
        locked.files.filter(pk__in=remove).delete()
    _store_files(locked, user, checked)
    output.refresh_from_db()
    return output


@transaction.atomic
def output_decide(*, output: Output, user, action: str, comment: str = "") -> OutputReview:
    """Take the step ``action`` of the workflow table on ``output`` and record it."""
    locked = Output.objects.select_for_update().select_related("consortium").get(pk=output.pk)
    transition = output_workflow.check(user, locked, action)
    comment = output_workflow.check_comment(action, comment)
    locked.status = transition.target_for(locked)
    if locked.status == FindingStatus.PUBLISHED and locked.published_at is None:
        locked.published_at = timezone.now()
    locked.full_clean()
    locked.save()
    review = OutputReview.objects.create(
        output=locked, reviewer=user, decision=transition.action, comment=comment
    )
    transaction.on_commit(
        functools.partial(
            audit,
            "output_decision",
            user_id=user.pk,
            request=current_request(),
            decision=str(transition.action),
            output=locked.pk,
            review=review.pk,
        )
    )
    output.refresh_from_db()
    return review


def allowed_actions(user, output: Output, door: str | None = None) -> list[str]:
    return [str(t.action) for t in output_workflow.available(user, output, door)]
