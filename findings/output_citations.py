"""A public output as a citation: CSL-JSON, BibTeX and RIS through ``findings.citations``
(the same escaping and rendering as a finding's), with the type each format knows it by.

Pure functions of an output whose consortium, people and organisations are loaded.
"""

import json

from django.utils.translation import get_language, override

from .citations import bibtex_entry, ris_record, single_line, withdrawn_word
from .enums import FindingStatus
from .output_enums import OutputType
from .output_models import Output

#: Per type: (CSL type, BibTeX entry type, RIS record type).
TYPES = {
    OutputType.REPORT: ("report", "techreport", "RPRT"),
    OutputType.WHITE_PAPER: ("report", "techreport", "RPRT"),
    OutputType.POLICY_BRIEF: ("report", "techreport", "RPRT"),
    OutputType.TOOLKIT: ("report", "misc", "GEN"),
    OutputType.DATASET: ("dataset", "misc", "DATA"),
    OutputType.RECORDING: ("motion_picture", "misc", "VIDEO"),
}


def authors(output: Output) -> list[dict]:
    """Its people ("family"/"given"), then its organisations; the consortium when the record
    names no one."""
    names = [
        {"family": single_line(person.family_name), "given": single_line(person.given_name)}
        for person in output.people.all()
    ]
    names += [{"literal": single_line(o.name)} for o in output.organisations.all()]
    return names or [{"literal": single_line(output.consortium.short_name)}]


def csl_item(output: Output, *, url: str) -> dict:
    """The output as one CSL-JSON item, cited at ``url``."""
    csl_type = TYPES[output.output_type][0]
    item = {
        "id": output.slug,
        "type": csl_type,
        "title": single_line(output.title),
        "author": authors(output),
        "publisher": single_line(output.consortium.short_name),
        "URL": output.url or url,
    }
    if output.language:
        item["language"] = output.language
    if csl_type == "report":
        # The kind of report, in the output's own language ("White paper").
        with override(output.language or get_language()):
            item["genre"] = str(OutputType(output.output_type).label)
    if output.date is not None:
        item["issued"] = {"date-parts": [[output.date.year, output.date.month, output.date.day]]}
    if output.doi:
        item["DOI"] = output.doi
    if output.status == FindingStatus.WITHDRAWN:
        item["status"] = withdrawn_word()
    return item


def csl_json(output: Output, *, url: str) -> str:
    return json.dumps([csl_item(output, url=url)], ensure_ascii=False, indent=2) + "\n"


def bibtex(output: Output, *, url: str) -> str:
    return bibtex_entry(
        csl_item(output, url=url), key=output.slug, entry_type=TYPES[output.output_type][1]
    )


def ris(output: Output, *, url: str) -> str:
    return ris_record(csl_item(output, url=url), record_type=TYPES[output.output_type][2])
