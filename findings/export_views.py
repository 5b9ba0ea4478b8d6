"""Downloads of the findings list as it is filtered and searched: CSV and JSON Lines.

Not cached (a download of every finding is no page to keep) and limited per address
(PLP_EXPORT_RATE); streamed, so a download of every finding holds one chunk of rows at a time.
"""

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from plp_portal.rate_limits import EXPORT, rate_limited
from plp_portal.sitemaps import url_template

from . import exports
from .filters import finding_list_filter

FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.csv_lines),
    "jsonl": ("application/jsonl; charset=utf-8", exports.json_lines),
}


@require_GET
@rate_limited(EXPORT, methods=("GET", "HEAD"))
def finding_export(request, file_format: str):
    """The findings the list shows for this query string (all of them, not one page), in the
    list's order: a search gives its best matches, as the list does."""
    filterset = finding_list_filter(request.GET)
    if filterset.is_bound and not filterset.is_valid():
        return _invalid_filters(filterset.errors)
    findings = filterset.qs
    total = findings.count()
    if total > settings.PLP_EXPORT_MAX_ROWS:
        return _too_many(request, total)
    content_type, lines = FORMATS[file_format]
    # The site's address, then the path with "{}" for the slug (braces would be escaped).
    detail_url = request.build_absolute_uri("/")[:-1] + url_template("findings:finding_detail")
    response = StreamingHttpResponse(
        lines(exports.finding_rows(findings, detail_url)), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="findings.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response


def _too_many(request, total: int) -> HttpResponse:
    """More findings than one download holds: say how to get them, rather than send a file a
    worker's timeout would cut short."""
    text = ngettext(
        "No download: this list has %(total)s findings and a download holds at most %(limit)s. "
        "Add a filter or search words, or download every finding at once from the open data "
        "page: %(url)s",
        "No download: this list has %(total)s findings and a download holds at most %(limit)s. "
        "Add a filter or search words, or download every finding at once from the open data "
        "page: %(url)s",
        total,
    ) % {
        "total": number_format(total, force_grouping=True),
        "limit": number_format(settings.PLP_EXPORT_MAX_ROWS, force_grouping=True),
        "url": request.build_absolute_uri(reverse("open_data")),
    }
    return HttpResponse(text + "\n", status=400, content_type="text/plain; charset=utf-8")


def _invalid_filters(errors) -> HttpResponse:
    lines = [_("No download: some filters in the address are not valid.")]
    lines += [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )
