"""Pages of the consortia namespace that also show findings, so served from findings.

consortia never reads findings; this view takes consortia's selector and adds findings' own.
Wired under the ``consortia`` URL namespace by plp_portal/urls.py (see consortia/urls.py).
"""

from django.http import Http404
from django.shortcuts import render
from django.views.generic import ListView

from consortia import linked_data as consortia_linked_data
from consortia import selectors as consortia_selectors
from consortia.models import Organisation
from plp_portal.pagination import BoundedPagesMixin

from . import matching, selectors

CONSORTIA_PER_PAGE = 24


class ConsortiumListView(BoundedPagesMixin, ListView):
    """The consortia by name, a page at a time, each with its lead, partners and number of
    published findings (one cached grouped count for all, never a count per row)."""

    template_name = "findings/consortium_list.html"
    context_object_name = "consortia"
    paginate_by = CONSORTIA_PER_PAGE

    def get_queryset(self):
        return consortia_selectors.consortium_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selectors.published_counts_of(context["consortia"])
        return context


def organisation_detail(request, slug):
    """consortia's organisation page, with the organisations it should talk to (their
    consortia found things about the same themes, goals, countries): findings.matching."""
    try:
        organisation = consortia_selectors.organisation_detail(slug)
    except Organisation.DoesNotExist:
        raise Http404("No organisation with this address.") from None
    return render(
        request,
        "findings/organisation_detail.html",
        {
            "organisation": organisation,
            "matches": matching.best_matches([organisation])[organisation.pk],
            "linked_data": consortia_linked_data.organisation_document(
                organisation, request.build_absolute_uri
            ),
        },
    )
