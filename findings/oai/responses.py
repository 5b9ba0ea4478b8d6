"""OAI-PMH 2.0 responses as XML, written with Django's SimplerXMLGenerator (as its feeds are):
every text escaped by the writer, members' text without the characters XML cannot carry."""

import datetime as dt
from io import StringIO

from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator

from plp_portal.plain_text import xml_text

from ..models import doi_url

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def datestamp(moment: dt.datetime) -> str:
    """A moment as the protocol's seconds granularity: UTC, with Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class OaiWriter:
    """One response: the envelope, then what the verb writes into it."""

    def __init__(self, *, base_url: str, arguments: dict[str, str] | None):
        self.out = StringIO()
        self.xml = SimplerXMLGenerator(self.out, "utf-8", short_empty_elements=True)
        self.xml.startDocument()
        self.xml.startElement(
            "OAI-PMH",
            {
                "xmlns": OAI,
                "xmlns:xsi": XSI,
                "xsi:schemaLocation": f"{OAI} {OAI_SCHEMA}",
            },
        )
        self.xml.addQuickElement("responseDate", datestamp(timezone.now()))
        # Arguments are named unless the request was found wrong (badVerb, badArgument).
        self.xml.addQuickElement(
            "request", base_url, {k: xml_text(v) for k, v in (arguments or {}).items()}
        )

    def text(self, name: str, value: str, attributes: dict | None = None) -> None:
        self.xml.addQuickElement(name, xml_text(value), attributes or {})

    def start(self, name: str, attributes: dict | None = None) -> None:
        self.xml.startElement(name, attributes or {})

    def end(self, name: str) -> None:
        self.xml.endElement(name)

    def error(self, code: str, message: str) -> None:
        self.text("error", message, {"code": code})

    def header(self, record) -> None:
        self.start("header", {"status": "deleted"} if record.deleted else {})
        self.text("identifier", record.identifier)
        self.text("datestamp", datestamp(record.datestamp))
        for spec in record.set_specs:
            self.text("setSpec", spec)
        self.end("header")

    def record(self, record, *, url: str, rights: str) -> None:
        self.start("record")
        self.header(record)
        if not record.deleted:
            self.start("metadata")
            self.dublin_core(record, url=url, rights=rights)
            self.end("metadata")
        self.end("record")

    def dublin_core(self, record, *, url: str, rights: str) -> None:
        self.start(
            "oai_dc:dc",
            {
                "xmlns:oai_dc": OAI_DC,
                "xmlns:dc": DC,
                "xsi:schemaLocation": f"{OAI_DC} {OAI_DC_SCHEMA}",
            },
        )
        self.text("dc:title", record.title)
        self.text("dc:creator", record.creator)
        for subject in record.subjects:
            self.text("dc:subject", subject)
        self.text("dc:description", record.summary)
        self.text("dc:publisher", record.publisher)
        if record.published_at:
            self.text("dc:date", record.published_at.astimezone(dt.UTC).date().isoformat())
        self.text("dc:type", "Text")
        self.text("dc:identifier", url)
        if record.doi:
            self.text("dc:identifier", doi_url(record.doi))
        for relation in record.relations:
            self.text("dc:relation", relation)
        for country in record.countries:
            self.text("dc:coverage", country)
        self.text("dc:rights", rights)
        self.end("oai_dc:dc")

    def resumption_token(self, token: str, *, cursor: int, complete_size: int) -> None:
        self.text(
            "resumptionToken",
            token,
            {"cursor": str(cursor), "completeListSize": str(complete_size)},
        )

    def finish(self) -> bytes:
        self.xml.endElement("OAI-PMH")
        self.xml.endDocument()
        return self.out.getvalue().encode()
