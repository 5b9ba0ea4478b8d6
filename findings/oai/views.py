"""The OAI-PMH 2.0 endpoint (``/oai``): the six verbs over public findings, in oai_dc.

GET and POST (form-encoded) alike; not cached (each answer says when it was made, and a
harvest is a walk through pages nobody else reads), limited per address (PLP_OAI_RATE).
Errors are the protocol's: an XML answer with status 200 naming the error's code.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from plp_portal.rate_limits import OAI, rate_limited
from plp_portal.sitemaps import url_template

from ..models import Finding
from . import records as oai_records
from .requests import METADATA_PREFIX, OaiError, OaiRequest, parse_request, resumption_token
from .responses import OAI_DC, OAI_DC_SCHEMA, OaiWriter, datestamp

#: Records per page of ListRecords, headers per page of ListIdentifiers, sets per ListSets.
RECORDS_PER_PAGE = 100
IDENTIFIERS_PER_PAGE = 500
SETS_PER_PAGE = 500


@csrf_exempt  # harvesters POST forms without a session; nothing is written
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(OAI, methods=("GET", "HEAD", "POST"))
def oai_pmh(request):
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(reverse("oai"))
    try:
        oai_request = parse_request(params)
    except OaiError as error:
        # Only errors found after every argument was checked name the arguments.
        arguments = {name: params.get(name) for name in params} if error.echoes_arguments else None
        return _answer(_error(base_url, arguments, error))
    arguments = {"verb": oai_request.verb, **oai_request.arguments}
    writer = OaiWriter(base_url=base_url, arguments=arguments)
    try:
        VERB_WRITERS[oai_request.verb](writer, oai_request, request)
    except OaiError as error:
        return _answer(_error(base_url, arguments, error))
    return _answer(writer.finish())


def _error(base_url: str, arguments, error: OaiError) -> bytes:
    writer = OaiWriter(base_url=base_url, arguments=arguments)
    writer.error(error.code, error.message)
    return writer.finish()


def _answer(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def _finding_url(request) -> str:
    return request.build_absolute_uri("/")[:-1] + url_template("findings:finding_detail")


# ---------------------------------------------------------------- the six verbs


def identify(writer: OaiWriter, oai_request: OaiRequest, request) -> None:
    earliest = oai_records.earliest_datestamp()
    writer.start("Identify")
    writer.text("repositoryName", settings.SITE_NAME)
    writer.text("baseURL", request.build_absolute_uri(reverse("oai")))
    writer.text("protocolVersion", "2.0")
    writer.text("adminEmail", admin_email())
    writer.text("earliestDatestamp", datestamp(earliest) if earliest else "1970-01-01T00:00:00Z")
    # A withdrawn finding keeps its page for good (findings.workflow): its record stays too.
    writer.text("deletedRecord", "persistent")
    writer.text("granularity", "YYYY-MM-DDThh:mm:ssZ")
    writer.end("Identify")


def admin_email() -> str:
    from email.utils import parseaddr

    return settings.PLP_OAI_ADMIN_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def list_metadata_formats(writer: OaiWriter, oai_request: OaiRequest, request) -> None:
    identifier = oai_request.arguments.get("identifier")
    if identifier is not None:
        _public_finding_id(identifier)
    writer.start("ListMetadataFormats")
    writer.start("metadataFormat")
    writer.text("metadataPrefix", METADATA_PREFIX)
    writer.text("schema", OAI_DC_SCHEMA)
    writer.text("metadataNamespace", OAI_DC)
    writer.end("metadataFormat")
    writer.end("ListMetadataFormats")


def _public_finding_id(identifier: str) -> int:
    pk = oai_records.pk_of(identifier)
    if pk is None or not Finding.objects.public().filter(pk=pk).exists():
        raise OaiError("idDoesNotExist", _("No finding has this identifier here."))
    return pk


def get_record(writer: OaiWriter, oai_request: OaiRequest, request) -> None:
    pk = _public_finding_id(oai_request.arguments["identifier"])
    [record] = oai_records.records(Finding.objects.filter(pk=pk), with_metadata=True)
    writer.start("GetRecord")
    writer.record(record, url=_finding_url(request).format(record.slug), rights=_rights())
    writer.end("GetRecord")


def _rights() -> str:
    return settings.PLP_DATA_LICENCE_URL


def list_sets(writer: OaiWriter, oai_request: OaiRequest, request) -> None:
    start = oai_request.after if oai_request.resumed else 0
    total = oai_request.complete_size if oai_request.resumed else oai_records.set_count()
    page = oai_records.sets_page(
        start,
        SETS_PER_PAGE,
        consortia_name=_("Findings by consortium"),
        themes_name=_("Findings by theme"),
        consortium_name=lambda name: _("Findings of %(consortium)s") % {"consortium": name},
        theme_name=lambda name: _("Findings on %(theme)s") % {"theme": name},
    )
    writer.start("ListSets")
    for oai_set in page:
        writer.start("set")
        writer.text("setSpec", oai_set.spec)
        writer.text("setName", oai_set.name)
        writer.end("set")
    end = start + len(page)
    _token(
        writer, oai_request, after=end, cursor=start, next_cursor=end, total=total, more=end < total
    )
    writer.end("ListSets")


def _list(writer: OaiWriter, oai_request: OaiRequest, request, *, with_metadata: bool) -> None:
    size = RECORDS_PER_PAGE if with_metadata else IDENTIFIERS_PER_PAGE
    findings = oai_records.public_findings(
        set_spec=oai_request.set_spec, since=oai_request.since, before=oai_request.before
    )
    page = oai_records.records(
        oai_records.page_after(findings, oai_request.after, size + 1), with_metadata=with_metadata
    )
    more = len(page) > size
    page = page[:size]
    if not page:
        raise OaiError("noRecordsMatch", _("No finding matches these arguments."))
    total = oai_request.complete_size
    if total is None:
        total = findings.count() if more else len(page)
    element = "ListRecords" if with_metadata else "ListIdentifiers"
    writer.start(element)
    url = _finding_url(request)
    for record in page:
        if with_metadata:
            writer.record(record, url=url.format(record.slug), rights=_rights())
        else:
            writer.header(record)
    last = page[-1]
    _token(
        writer,
        oai_request,
        after=(last.datestamp, last.pk),
        cursor=oai_request.cursor,
        next_cursor=oai_request.cursor + len(page),
        # Counted when the harvest began: findings changed since may make the list longer.
        total=max(total, oai_request.cursor + len(page) + int(more)),
        more=more,
    )
    writer.end(element)


def _token(writer, oai_request: OaiRequest, *, after, cursor, next_cursor, total, more) -> None:
    """A token for the next page while the list goes on; on the last page of a list given in
    several pages, an empty one."""
    if more:
        token = resumption_token(oai_request, after=after, cursor=next_cursor, complete_size=total)
        writer.resumption_token(token, cursor=cursor, complete_size=total)
    elif oai_request.resumed:
        writer.resumption_token("", cursor=cursor, complete_size=total)


def list_identifiers(writer: OaiWriter, oai_request: OaiRequest, request) -> None:
    _list(writer, oai_request, request, with_metadata=False)


def list_records(writer: OaiWriter, oai_request: OaiRequest, request) -> None:
    _list(writer, oai_request, request, with_metadata=True)


VERB_WRITERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
