"""E-mails of the publishing workflow, sent once the decision is committed.

A decision (changes requested, published, rejected, withdrawn) goes to the members who
wrote or submitted the finding and to the consortium's coordinators; a submission goes to
the curators. One message per recipient, so nobody sees the others' addresses. A failing
mail server is logged; it never undoes a decision.
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

from .models import Review

logger = logging.getLogger(__name__)


def _site_url(path: str) -> str:
    return settings.PLP_SITE_URL.rstrip("/") + path


def members_to_notify(finding) -> list:
    """Author, everyone who submitted it, and the consortium's coordinators (active, with
    an e-mail address and still acting for the consortium)."""
    User = get_user_model()
    submitters = Review.objects.filter(finding=finding, decision="submit").values("reviewer")
    accesses = ConsortiumAccess.objects.filter(consortium=finding.consortium)
    coordinators = accesses.filter(role=AccessRole.COORDINATOR).values("user")
    return list(
        User.objects.filter(is_active=True, pk__in=accesses.values("user"))
        .filter(Q(pk=finding.author_id) | Q(pk__in=submitters) | Q(pk__in=coordinators))
        .exclude(email="")
        .order_by("username")
    )


def curators_to_notify() -> list:
    User = get_user_model()
    codename = "review_finding"
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(is_staff=True, groups__permissions__codename=codename)
            | Q(is_staff=True, user_permissions__codename=codename)
        )
        .exclude(email="")
        .distinct()
        .order_by("username")
    )


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


def notify_members_of_decision(review: Review) -> None:
    finding = review.finding
    _send(
        "decision",
        {
            "review": review,
            "finding": finding,
            "site_name": settings.SITE_NAME,
            "member_url": _site_url(reverse("members:finding_detail", args=[finding.slug])),
            "public_url": _site_url(finding.get_absolute_url()),
        },
        members_to_notify(finding),
    )


def notify_curators_of_submission(review: Review) -> None:
    finding = review.finding
    _send(
        "submitted",
        {
            "review": review,
            "finding": finding,
            "site_name": settings.SITE_NAME,
            "queue_url": _site_url(reverse("admin:findings_submittedfinding_changelist")),
            "review_url": _site_url(
                reverse("admin:findings_submittedfinding_change", args=[finding.pk])
            ),
        },
        curators_to_notify(),
    )
