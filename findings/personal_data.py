"""The personal data findings keeps about an account (see ``consortia.personal_data``): the
findings it started, the review steps it took (its submissions; a curator's decisions), the
files it uploaded and the changes it made, which the history keeps with a copy of the fields.

Erasure keeps the programme's record: a finding that was ever public stays, credited to the
"Former member"; one that never was (a draft, a submission, a rejected finding) is deleted
with its files and its whole history.
"""

from django.db import transaction

from consortia.personal_data import PersonalDataSection, moment, register
from plp_portal.content_changes import content_changed
from plp_portal.content_signals import kind_tag, object_tag

from .models import Attachment, Finding, Review
from .output_models import OutputFile
from .reactions import personal_data as reactions_personal_data
from .states import PUBLIC_STATES

History = Finding.history.model


def _findings(user) -> list[dict]:
    findings = Finding.objects.filter(author=user).select_related("consortium")
    return [
        {
            "slug": finding.slug,
            "title": finding.title,
            "consortium": finding.consortium.short_name,
            "status": finding.status,
            "summary": finding.summary,
            "body": finding.body,
            "created_at": moment(finding.created_at),
            "updated_at": moment(finding.updated_at),
            "published_at": moment(finding.published_at),
        }
        for finding in findings.order_by("created_at", "pk")
    ]


def _reviews(user) -> list[dict]:
    reviews = Review.objects.filter(reviewer=user).select_related("finding")
    return [
        {
            "finding": review.finding.slug,
            "step": review.decision,
            "comment": review.comment,
            "at": moment(review.created_at),
        }
        for review in reviews.order_by("created_at", "pk")
    ]


def _uploads(user) -> list[dict]:
    attachments = Attachment.objects.filter(uploaded_by=user).select_related("finding")
    return [
        {
            "finding": attachment.finding.slug,
            "title": attachment.title,
            "file": attachment.filename,
            "bytes": attachment.size,
            "uploaded_at": moment(attachment.uploaded_at),
        }
        for attachment in attachments.order_by("uploaded_at", "pk")
    ] + [
        {
            "output": output_file.output.slug,
            "title": output_file.title,
            "file": output_file.filename,
            "bytes": output_file.size,
            "uploaded_at": moment(output_file.uploaded_at),
        }
        for output_file in OutputFile.objects.filter(uploaded_by=user)
        .select_related("output")
        .order_by("uploaded_at", "pk")
    ]


def _changes(user) -> list[dict]:
    records = History.objects.filter(history_user=user).order_by("history_date", "history_id")
    return [
        {
            "finding": record.slug,
            "title": record.title,
            "change": record.get_history_type_display(),
            "reason": record.history_change_reason or "",
            "at": moment(record.history_date),
        }
        for record in records
    ]


def never_public(user):
    """The findings ``user`` started that nobody outside the consortium and the curators saw."""
    return Finding.objects.filter(author=user, published_at__isnull=True).exclude(
        status__in=PUBLIC_STATES
    )


@transaction.atomic
def erase(user, former_member) -> None:
    """Delete the never-public findings ``user`` started (files too, once committed) with
    their whole history; hand the rest of their work, and its history, to ``former_member``."""
    doomed = list(never_public(user).values_list("pk", flat=True))
    for finding in Finding.objects.filter(pk__in=doomed):
        finding.delete()  # one by one: the attachments' files and the cached pages follow
    History.objects.filter(id__in=doomed).delete()

    kept = list(Finding.objects.filter(author=user).values_list("pk", flat=True))
    Finding.objects.filter(pk__in=kept).update(author=former_member)
    History.objects.filter(author=user).update(author=former_member)
    History.objects.filter(history_user=user).update(history_user=former_member)
    Review.objects.filter(reviewer=user).update(reviewer=former_member)
    Attachment.objects.filter(uploaded_by=user).update(uploaded_by=former_member)
    OutputFile.objects.filter(uploaded_by=user).update(uploaded_by=former_member)
    # .update() sends no signals: say what changed, as the model signals would.
    content_changed(kind_tag(Finding), *(object_tag(Finding, pk) for pk in kept))


def register_sections() -> None:
    register(PersonalDataSection("findings_started", _findings, erase))
    register(PersonalDataSection("review_steps", _reviews, _nothing))
    register(PersonalDataSection("files_uploaded", _uploads, _nothing))
    register(PersonalDataSection("finding_changes", _changes, _nothing))
    register(reactions_personal_data.SECTION)


def _nothing(user, former_member) -> None:
    """Handed over by ``erase``, which takes the findings' records together."""
