"""The pages about findings, themes and SDGs that show findings' data only.

The theme and finding pages also show where they came up at events: events.combined_views.
"""

from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from plp_portal.pagination import BoundedPagesMixin, lazy_rows

from . import charts, search, selectors
from . import counts as finding_counts
from .attachments import attachment_response
from .facet_lists import facet_lists
from .filters import SORT_RELEVANCE, finding_list_filter
from .followed import FollowedFindings
from .models import SDG, Attachment, Finding
from .output_models import OutputFile
from .pagination import MAX_PAGED_RESULTS, CappedPaginator
from .permissions import can_download_attachment, can_download_output_file
from .search import add_snippets

FINDINGS_PER_PAGE = 20


class ThemeListView(ListView):
    template_name = "findings/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        return selectors.theme_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["theme_chart"] = charts.theme_chart(context["themes"])
        return context


class SDGListView(ListView):
    """The seventeen goals, each with its number of published findings (one cached count)."""

    template_name = "findings/sdg_list.html"
    context_object_name = "sdgs"

    def get_queryset(self):
        return selectors.sdg_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sdg_chart"] = charts.sdg_chart(context["sdgs"])
        return context


class SDGDetailView(BoundedPagesMixin, ListView):
    """The published findings linked to one Sustainable Development Goal, newest first, in
    pages that stop at MAX_RESULTS findings (the findings list filters the rest)."""

    template_name = "findings/sdg_detail.html"
    context_object_name = "findings"
    paginate_by = FINDINGS_PER_PAGE

    def get_queryset(self):
        self.sdg = get_object_or_404(SDG, number=self.kwargs["number"])
        return selectors.finding_cards(
            selectors.card_fields(Finding.objects.published().filter(sdgs=self.sdg))
        ).order_by("-published_at", "title")

    def get_paginator(self, queryset, per_page, **kwargs):
        count = finding_counts.published_by_sdg().get(self.sdg.number, 0)
        return super().get_paginator(queryset, per_page, count=count, **kwargs)

    def get_narrow_url(self) -> str:
        return f"{reverse('findings:finding_list')}?sdg={self.sdg.number}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sdg=self.sdg,
            consortia_chart=SimpleLazyObject(lambda: charts.consortia_on_chart(sdg=self.sdg)),
            **kwargs,
        )


class FindingListView(ListView):
    """Faceted browsing and search; every filter lives in the query string, so links share.

    The count and the facets come from one cached summary (`selectors.finding_facets`); the
    page's rows are one query, their snippets another. Only the first `MAX_PAGED_RESULTS`
    results are paged to, so the deepest page costs what the first does.
    """

    template_name = "findings/finding_list.html"
    context_object_name = "findings"
    paginate_by = FINDINGS_PER_PAGE

    def get_queryset(self):
        self.filterset = finding_list_filter(self.request.GET)
        self.filterset.is_valid()  # validates; invalid fields are left out of cleaned_data
        self.query = getattr(self.filterset.form, "cleaned_data", {}).get("q", "")
        self.summary = selectors.finding_facets(
            query=self.query, selection=self.filterset.selection
        )
        # Cards show neither the body nor the search vector (the largest columns); snippets
        # read the body only where Python cuts them (not on PostgreSQL, see add_snippets).
        unshown = ["search_vector"]
        if not self.query or connection.vendor == "postgresql":
            unshown.append("body")
        self.ranked_ids = None
        cleaned = getattr(self.filterset.form, "cleaned_data", {})
        if self.query and cleaned.get("sort") in (None, "", SORT_RELEVANCE):
            # The search's order is known already: a page reads only its own rows.
            self.ranked_ids = selectors.ranked_search(
                query=self.query, selection=self.filterset.selection
            ).ids
            # Those ids hold the filters already; restating them as a 1,000-id IN list in the
            # page's query would cost more to build and plan than reading the page's rows.
            return selectors.finding_cards(Finding.objects.published()).defer(*unshown)
        return selectors.finding_cards(self.filterset.qs).defer(*unshown)

    def get_paginator(self, queryset, per_page, **kwargs):
        return CappedPaginator(
            queryset,
            per_page,
            count=self.summary.total,
            ordered_ids=self.ranked_ids,
            **kwargs,
        )

    def paginate_queryset(self, queryset, page_size):
        self.page_missing = False
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            self.page_missing = True
            return self.get_paginator(queryset, page_size), None, [], False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read (and cut snippets for) the page's rows only if the template renders them: the
        # list is a cached fragment, rendered once per address and content version.
        rows = context["findings"]
        context["findings"] = context["object_list"] = lazy_rows(
            lambda: _with_snippets(rows, self.query)
        )
        if context["page_obj"] is not None:
            context["page_obj"].object_list = context["findings"]
        facets = facet_lists(self.summary, expanded=self.request.GET.get("facet_all", ""))
        context.update(
            filterset=self.filterset,
            query=self.query,
            facets=facets,
            active_filters=[
                (name, item.value, item.label)
                for name in facets
                for item in self.summary.facets[name]
                if item.selected
            ],
            contested_count=self.summary.contested,
            contested_selected="contested" in self.filterset.selection,
            page_missing=self.page_missing,
            max_paged_results=MAX_PAGED_RESULTS,
            more_matches=self.summary.more,
            search_results_cap=search.SEARCH_RESULTS_CAP,
            # The feeds of what the list shows, its invalid filters left out as it leaves them.
            followed=FollowedFindings.from_filters(
                getattr(self.filterset.form, "cleaned_data", {})
            ),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.page_missing:
            response_kwargs["status"] = 404  # explained on the page, with the filters kept
        elif self.filterset.is_bound and self.filterset.errors:
            response_kwargs["status"] = 400  # shown on the page, with the valid filters applied
        return super().render_to_response(context, **response_kwargs)


def _with_snippets(rows, query: str) -> list:
    rows = list(rows)
    add_snippets(rows, query)
    return rows


@require_GET
def attachment_download(request, slug, pk):
    """A finding's file, for whoever may see the finding; to anyone else it does not exist."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("finding__consortium"), finding__slug=slug, pk=pk
    )
    if not can_download_attachment(request.user, attachment.finding):
        raise Http404("No attachment at this address.")
    return attachment_response(attachment)


@require_GET
def output_file_download(request, slug, pk):
    """An output's file, for whoever may see the output; to anyone else it does not exist (as
    a finding's attachments)."""
    output_file = get_object_or_404(
        OutputFile.objects.select_related("output__consortium"), output__slug=slug, pk=pk
    )
    if not can_download_output_file(request.user, output_file.output):
        raise Http404("No file at this address.")
    return attachment_response(output_file)
