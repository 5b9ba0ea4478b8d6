"""Pages of the consortia namespace that also show findings, so served from findings.

consortia never reads findings; this view takes consortia's selector and adds findings' own.
Wired under the ``consortia`` URL namespace by plp_portal/urls.py (see consortia/urls.py).
"""

from django.views.generic import ListView

from consortia import selectors as consortia_selectors

from . import selectors


class ConsortiumListView(ListView):
    """Every consortium with its lead, partners and number of published findings."""

    template_name = "findings/consortium_list.html"
    context_object_name = "consortia"

    def get_queryset(self):
        return selectors.with_published_finding_count(consortia_selectors.consortium_list())
