"""E-mails of the publishing workflow, sent once the step is committed.

Each step is e-mailed to the people who act next, read from the finding's new status:
awaiting sign-off → the coordinators who may sign it off; submitted → the curators; any
other (changes requested, published, rejected, withdrawn) → the members who wrote or
submitted the finding and the consortium's coordinators. A decision a curator keeps pending
is e-mailed when it is released, never before. One message per recipient, so nobody sees
the others' addresses. A failing mail server is logged; it never undoes a decision.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from consortia.enums import AccessRole
from consortia.models import ConsortiumAccess

from .enums import FindingStatus, ReviewDecision
from .models import Review
from .permissions import curator_accounts, signoff_coordinators

logger = logging.getLogger(__name__)


def _site_url(path: str) -> str:
    return settings.PLP_SITE_URL.rstrip("/") + path


def members_to_notify(finding) -> list:
    """Author, everyone who submitted it, and the consortium's coordinators (active, with
    an e-mail address and still acting for the consortium)."""
    User = get_user_model()
    submitters = Review.objects.filter(finding=finding, decision=ReviewDecision.SUBMIT).values(
        "reviewer"
    )
    accesses = ConsortiumAccess.objects.filter(consortium=finding.consortium)
    coordinators = accesses.filter(role=AccessRole.COORDINATOR).values("user")
    return list(
        User.objects.filter(is_active=True, pk__in=accesses.values("user"))
        .filter(Q(pk=finding.author_id) | Q(pk__in=submitters) | Q(pk__in=coordinators))
        .exclude(email="")
        .order_by("username")
    )


def curators_to_notify() -> list:
    return list(curator_accounts().exclude(email="").order_by("username"))


def coordinators_to_notify(finding) -> list:
    return list(signoff_coordinators(finding).exclude(email="").order_by("username"))


def _send(template: str, context: dict, recipients: list) -> None:
    if not recipients:
        return
    subject = " ".join(render_to_string(f"members/email/{template}_subject.txt", context).split())
    messages = [
        EmailMessage(
            subject=subject,
            body=render_to_string(
                f"members/email/{template}_body.txt", {**context, "recipient": user}
            ),
            to=[user.email],
        )
        for user in recipients
    ]

    def send():
        try:
            get_connection().send_messages(messages)
        except Exception:  # the decision stands; the mail server's failure is logged
            logger.exception("Could not send %s e-mails for %s", template, context["finding"])

    transaction.on_commit(send)


def _context(review: Review) -> dict:
    finding = review.finding
    return {
        "review": review,
        "finding": finding,
        "site_name": settings.SITE_NAME,
        "member_url": _site_url(reverse("members:finding_detail", args=[finding.slug])),
        "public_url": _site_url(finding.get_absolute_url()),
        "signoff_queue_url": _site_url(reverse("members:signoff_queue")),
        "queue_url": _site_url(reverse("admin:findings_submittedfinding_changelist")),
        "review_url": _site_url(
            reverse("admin:findings_submittedfinding_change", args=[finding.pk])
        ),
    }


def notify_next(review: Review, *, status: str) -> None:
    """Tell whoever acts next on the finding, now that it is in ``status``."""
    if status == FindingStatus.AWAITING_SIGNOFF:
        _send("signoff", _context(review), coordinators_to_notify(review.finding))
    elif status == FindingStatus.SUBMITTED:
        _send("submitted", _context(review), curators_to_notify())
    else:
        _send("decision", _context(review), members_to_notify(review.finding))


def notify_members_of_decision(review: Review) -> None:
    _send("decision", _context(review), members_to_notify(review.finding))


def notify_curators_of_submission(review: Review) -> None:
    _send("submitted", _context(review), curators_to_notify())
