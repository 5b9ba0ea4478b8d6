"""The public list of outputs (``/outputs/``) and their citations to download.

An output's page shows where it was launched (events' data), so events serves it
(``events.output_views``).
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from plp_portal.pagination import BoundedPagesMixin

from . import output_citations, output_selectors
from .output_models import Output

OUTPUTS_PER_PAGE = 20


class OutputListView(BoundedPagesMixin, ListView):
    """The published outputs, newest first, narrowed by facets (type, consortium, language,
    year, licence): a fixed number of queries whatever the data size."""

    template_name = "findings/output_list.html"
    context_object_name = "outputs"
    paginate_by = OUTPUTS_PER_PAGE

    def get_queryset(self):
        self.chosen = output_selectors.chosen_filters(self.request.GET)
        return output_selectors.output_list(self.chosen)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facets"] = output_selectors.output_facets(self.chosen)
        context["chosen"] = self.chosen
        return context


#: The route's format: (content type, file extension, the function writing the file).
FORMATS = {
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib", output_citations.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris", output_citations.ris),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json", output_citations.csl_json),
}


@require_GET
def output_citation(request, slug: str, file_format: str):
    try:
        output = (
            Output.objects.public()
            .select_related("consortium")
            .prefetch_related("people", "organisations")
            .get(slug=slug)
        )
    except Output.DoesNotExist:
        raise Http404("No published output with this address.") from None
    content_type, extension, write = FORMATS[file_format]
    url = request.build_absolute_uri(output.get_absolute_url())
    response = HttpResponse(write(output, url=url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.slug}.{extension}"'
    return response
