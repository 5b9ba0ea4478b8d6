"""The pages about findings, themes and SDGs that show findings' data only.

The theme and finding pages also show where they came up at events: events.combined_views.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from plp_portal.pagination import BoundedPagesMixin

from . import counts as finding_counts
from . import selectors
from .attachments import attachment_response
from .filters import FindingListFilter
from .models import SDG, Attachment, Finding
from .permissions import can_download_attachment
from .search import snippet_html, with_search_headlines

FINDINGS_PER_PAGE = 20


class ThemeListView(ListView):
    template_name = "findings/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        return selectors.theme_list()


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
        return super().get_context_data(sdg=self.sdg, **kwargs)


class FindingListView(ListView):
    """Faceted browsing and search; every filter lives in the query string, so links share."""

    template_name = "findings/finding_list.html"
    context_object_name = "findings"
    paginate_by = FINDINGS_PER_PAGE

    def get_queryset(self):
        self.filterset = FindingListFilter(
            self.request.GET or None, queryset=Finding.objects.published()
        )
        self.filterset.is_valid()  # validates; invalid fields are left out of cleaned_data
        self.query = getattr(self.filterset.form, "cleaned_data", {}).get("q", "")
        return selectors.finding_cards(with_search_headlines(self.filterset.qs, self.query))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.query:
            for finding in context["findings"]:
                finding.snippet = snippet_html(finding, self.query)
        context.update(
            filterset=self.filterset,
            query=self.query,
            facets=selectors.finding_facets(self.filterset.qs),
            active_filters=self._active_filters(),
        )
        return context

    def _active_filters(self) -> list[tuple[str, str]]:
        """(parameter, label) for each facet filter in force, for "remove" links."""
        if not self.filterset.is_bound:
            return []
        cleaned = self.filterset.form.cleaned_data
        labels = {
            "theme": lambda theme: theme.name,
            "sdg": lambda sdg: f"SDG {sdg.number}: {sdg.short_name}",
            "consortium": lambda consortium: consortium.short_name,
            "country": lambda code: dict(self.filterset.filters["country"].extra["choices"])[code],
            "year": lambda year: str(year),
            "q": lambda q: "“{}”".format(q.replace('"', "")),
        }
        return [(name, label(cleaned[name])) for name, label in labels.items() if cleaned.get(name)]

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and self.filterset.errors:
            response_kwargs["status"] = 400  # shown on the page, with the valid filters applied
        return super().render_to_response(context, **response_kwargs)


@require_GET
def attachment_download(request, slug, pk):
    """A finding's file, for whoever may see the finding; to anyone else it does not exist."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("finding__consortium"), finding__slug=slug, pk=pk
    )
    if not can_download_attachment(request.user, attachment.finding):
        raise Http404("No attachment at this address.")
    return attachment_response(attachment)
