"""The "Open data" page and the dump it offers.

Neither is cached: the page shows the date and size of the zip on disk, which no content tag
follows, and costs one stat() and no query; the zip is a file, streamed from disk.
"""

import datetime as dt

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .dump import DUMP_NAME, published_dump
from .tables import TABLES


@require_GET
def open_data(request):
    dump = published_dump()
    stat = dump.stat() if dump else None
    site = request.build_absolute_uri("/")[:-1]
    oai = request.build_absolute_uri(reverse("oai"))
    context = {
        "dump_size": stat.st_size if stat else None,
        "dump_date": dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.UTC) if stat else None,
        "tables": TABLES,
        "licence": settings.PLP_DATA_LICENCE,
        "licence_url": settings.PLP_DATA_LICENCE_URL,
        "site": site,
        "oai": oai,
        "oai_examples": [
            f"{oai}?verb=Identify",
            f"{oai}?verb=ListSets",
            f"{oai}?verb=ListRecords&metadataPrefix=oai_dc&from=2021-12-01",
        ],
    }
    return render(request, "open_data.html", context)


@require_GET
def open_data_dump(request):
    dump = published_dump()
    if dump is None:
        raise Http404(_("The open-data dump has not been published yet."))
    response = FileResponse(
        dump.open("rb"), as_attachment=True, filename=DUMP_NAME, content_type="application/zip"
    )
    response["Last-Modified"] = http_date(dump.stat().st_mtime)
    return response
