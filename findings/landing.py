"""Where an account lands after signing in when it asked for no page of its own."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from .permissions import is_curator


def landing_page_for(user) -> str:
    """Curators land on the review queue, other staff on the admin, members on their workspace.

    A curator usually acts for no consortium: the members' workspace would greet them with an
    empty page saying so."""
    if is_curator(user):
        return reverse("admin:findings_submittedfinding_changelist")
    if user.is_active and user.is_staff:
        return reverse("admin:index")
    return resolve_url(settings.LOGIN_REDIRECT_URL)  # a URL name: the page's language
