"""A public finding's citation, to download: BibTeX, RIS and CSL-JSON (findings.citations).

Each has a stable address beside the finding's page (/en/findings/<slug>/cite.bib) and is
cached like it; a finding without a public page (a draft, one under review, a rejected one)
has no citation either: 404, as its page.
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from . import citations
from .models import UNLISTED_COLUMNS, Finding

#: The route's format: (content type, file extension, the function writing the file).
FORMATS = {
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib", citations.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris", citations.ris),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json", citations.csl_json),
}


@require_GET
def finding_citation(request, slug: str, file_format: str):
    try:
        finding = (
            Finding.objects.public()
            .select_related("consortium__programme")
            .defer(*UNLISTED_COLUMNS)
            .get(slug=slug)
        )
    except Finding.DoesNotExist:
        raise Http404("No published finding with this address.") from None
    content_type, extension, write = FORMATS[file_format]
    url = request.build_absolute_uri(finding.get_absolute_url())
    response = HttpResponse(write(finding, url=url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{finding.slug}.{extension}"'
    return response
