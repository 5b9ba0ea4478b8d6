"""An output's public page: the output (findings' selector), where it was launched (events'
own), its citation and linked data. Served by events because it shows events' data; wired
under the ``findings`` namespace (``findings:output_detail``), as the finding's page is."""

from django.http import Http404
from django.shortcuts import render

from findings import citations, output_citations, output_linked_data, output_selectors
from findings.output_models import Output

from . import selectors


def output_detail(request, slug):
    try:
        output = output_selectors.output_detail(slug)
    except Output.DoesNotExist:
        raise Http404("No published output with this address.") from None
    absolute_url = request.build_absolute_uri(output.get_absolute_url())
    citation_style = citations.style_key(request.GET.get("style"))
    return render(
        request,
        "events/output_detail.html",
        {
            "output": output,
            "launch": selectors.output_launch(output),
            "absolute_url": absolute_url,
            "linked_data": output_linked_data.output_document(output, request.build_absolute_uri),
            "citation": citations.rendered(
                output_citations.csl_item(output, url=absolute_url), citation_style
            ),
            "citation_style": citation_style,
            "citation_styles": citations.STYLES.values(),
        },
    )
