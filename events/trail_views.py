"""A finding's trail (``/findings/<slug>/trail/``): a server-drawn graph of where it came
from and where it went, with the same nodes and edges as text (``events.provenance``)."""

from django.http import Http404
from django.shortcuts import render

from findings.models import UNLISTED_COLUMNS, Finding

from .provenance import finding_trail


def finding_trail_page(request, slug):
    try:
        finding = (
            Finding.objects.public()
            .select_related("consortium")
            .defer(*UNLISTED_COLUMNS)
            .get(slug=slug)
        )
    except Finding.DoesNotExist:
        raise Http404("No published finding with this address.") from None
    return render(
        request, "events/finding_trail.html", {"finding": finding, "trail": finding_trail(finding)}
    )
