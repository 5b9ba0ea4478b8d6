"""Pages of the consortia namespace that also show findings, so served from findings.

consortia never reads findings; this view takes consortia's selector and adds findings' own.
Wired under the ``consortia`` URL namespace by plp_portal/urls.py (see consortia/urls.py).
"""

from django.views.generic import ListView

from consortia import selectors as consortia_selectors
from plp_portal.pagination import BoundedPagesMixin

from . import selectors

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
