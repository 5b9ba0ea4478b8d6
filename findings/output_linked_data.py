"""schema.org JSON-LD for an output's page: a Report, Dataset, VideoObject or CreativeWork.

Built from ``findings.output_selectors.output_detail``'s output (people, organisations,
files and published findings prefetched): only a public output reaches it.
"""

from consortia.linked_data import consortium_node, organisation_node, person_node
from plp_portal.linked_data import Absolute, compact, document

from .enums import FindingStatus
from .models import doi_url
from .output_enums import OutputType
from .output_models import Output

SCHEMA_TYPES = {
    OutputType.REPORT: "Report",
    OutputType.WHITE_PAPER: "Report",
    OutputType.POLICY_BRIEF: "Report",
    OutputType.TOOLKIT: "CreativeWork",
    OutputType.DATASET: "Dataset",
    OutputType.RECORDING: "VideoObject",
}


def output_node(output: Output, absolute: Absolute) -> dict:
    return {
        "@type": SCHEMA_TYPES[output.output_type],
        "name": output.title,
        "url": absolute(output.get_absolute_url()),
    }


def file_nodes(output: Output, absolute: Absolute) -> list[dict]:
    """Its files as MediaObjects (a Dataset's as DataDownloads): name, format, size, and the
    download address (the view that checks the output is public)."""
    node_type = "DataDownload" if output.output_type == OutputType.DATASET else "MediaObject"
    return [
        {
            "@type": node_type,
            "name": output_file.title,
            "encodingFormat": output_file.content_type,
            "contentSize": f"{output_file.size} B",
            "contentUrl": absolute(output_file.get_absolute_url()),
        }
        for output_file in output.listed_files
    ]


def output_document(output: Output, absolute: Absolute) -> dict:
    files = file_nodes(output, absolute)
    # A Dataset's files are its ``distribution``; any other work's, its ``encoding``.
    files_key = "distribution" if output.output_type == OutputType.DATASET else "encoding"
    withdrawn = output.status == FindingStatus.WITHDRAWN
    authors = [person_node(person, absolute) for person in output.people.all()] + [
        organisation_node(organisation, absolute) for organisation in output.organisations.all()
    ]
    return document(
        compact(
            {
                **output_node(output, absolute),
                "description": output.summary or None,
                "author": authors or None,
                "publisher": consortium_node(output.consortium, absolute),
                "datePublished": output.date,
                "inLanguage": output.language,
                "genre": str(OutputType(output.output_type).label),
                "identifier": doi_url(output.doi) if output.doi else None,
                "sameAs": output.url or None,
                "license": output.licence_url or None,
                "creativeWorkStatus": "Withdrawn" if withdrawn else "Published",
                files_key: files or None,
            }
        )
    )
