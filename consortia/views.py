"""The consortia pages that show consortia's data only.

The consortium list (with findings counts) is served by findings.combined_views, the consortium
and person pages (with event appearances) by events.combined_views: see consortia/urls.py.
"""

from django.http import Http404
from django.shortcuts import render

from . import selectors
from .models import Organisation


def organisation_detail(request, slug):
    try:
        organisation = selectors.organisation_detail(slug)
    except Organisation.DoesNotExist:
        raise Http404("No organisation with this address.") from None
    return render(request, "consortia/organisation_detail.html", {"organisation": organisation})
