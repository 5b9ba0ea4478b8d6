"""An event's report as PDF: WeasyPrint lays out the report's own HTML with its print styles.

WeasyPrint fetches nothing from the network: its URL fetcher serves our static files from disk
(the report's stylesheet) and refuses every other address, so a report can never wait on, or
leak to, another server. Links in the PDF are absolute, resolved against the site's address.
"""

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .report import Report

CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


class StaticFilesOnly(URLFetcher):
    """Serves this site's static files (found as ``collectstatic`` would find them), and
    nothing else."""

    def __init__(self, base: str):
        super().__init__(allowed_protocols=())
        origin = urlsplit(base)
        self.origin = (origin.scheme, origin.netloc)
        self.static_path = "/" + settings.STATIC_URL.strip("/") + "/"

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self.origin or not parts.path.startswith(
            self.static_path
        ):
            raise ValueError(f"The report fetches only its own static files, not {url}")
        name = parts.path.removeprefix(self.static_path)
        found = finders.find(name) if ".." not in name.split("/") else None
        if not found:
            raise ValueError(f"No static file {name}")
        path = Path(found)
        return URLFetcherResponse(
            url,
            body=path.read_bytes(),
            headers={"Content-Type": CONTENT_TYPES.get(path.suffix, "application/octet-stream")},
        )


def render_pdf_report(report: Report, *, base: str, request=None) -> bytes:
    """The report as PDF bytes; `base` is the site's address (``https://host/``)."""
    context = {"report": report, "event_url": urljoin(base, report.event.get_absolute_url())}
    html = render_to_string("events/event_report_pdf.html", context, request=request)
    return HTML(string=html, base_url=base, url_fetcher=StaticFilesOnly(base)).write_pdf()
