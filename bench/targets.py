"""The pages and API endpoints a run measures, with concrete addresses read from the
database at run time (the heaviest or newest of each kind), never hard-coded slugs.

Runs inside Django (see bench/inprocess.py).
"""

import math
import re
from dataclasses import asdict, dataclass

from django.db.models import Count, Q
from django.test import Client

from consortia.models import Consortium, Organisation, Person
from events.models import Event
from findings import selectors
from findings.enums import FindingStatus
from findings.models import SDG, Finding, Theme
from findings.views import FINDINGS_PER_PAGE

DEEP_PAGE = 400  # the "deep page"; lower when there are fewer pages
# The searches first; the spelling the data uses when they find nothing, so that
# a search page is measured with results (the note says so).
SEARCH_WORDS = ["cooperative housing", "co-operative housing"]
API_SEARCH_WORDS = ["cooperative", "co-operative"]
API_PAGE_SIZE = 50


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    #: "page" or "api"; the targets' rules name some pages by ``role``.
    kind: str
    role: str = ""
    note: str = ""


def _published_count(relation: str) -> Count:
    return Count(relation, filter=Q(**{f"{relation}__status": FindingStatus.PUBLISHED}))


def _finding_with_related() -> Finding:
    """The most recently published finding that shows related findings."""
    for finding in Finding.objects.published().order_by("-published_at", "pk")[:50]:
        if selectors.related_findings(finding):
            return finding
    return Finding.objects.published().latest("published_at")


def _deepest_page(client: Client) -> tuple[int, str]:
    """Page DEEP_PAGE, or the last page when there are fewer; halved while it answers 404
    (a capped page count), with a note saying so."""
    pages = math.ceil(Finding.objects.published().count() / FINDINGS_PER_PAGE)
    wanted = page = max(1, min(DEEP_PAGE, pages))
    while page > 1 and client.get(f"/en/findings/?page={page}").status_code == 404:
        page //= 2
    if page == wanted:
        return page, f"last page is {pages}" if pages < DEEP_PAGE else ""
    return page, f"page {wanted} answers 404 (capped); deepest found {page}"


def _search(client: Client, candidates: list[str]) -> tuple[str, str]:
    """The first of ``candidates`` that finds something, and a note when it is not the first."""
    for words in candidates:
        if client.get("/api/v1/findings/", {"search": words}).json()["count"]:
            break
    if words == candidates[0]:
        return words, ""
    return words, f"{candidates[0]!r} finds nothing"


def _sitemap_section(client: Client) -> str | None:
    """The first section of /sitemap.xml when it is an index, else None."""
    body = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" not in body:
        return None
    first = re.search(r"<loc>https?://[^/<]+(/[^<]*)</loc>", body)
    return first.group(1).replace("&amp;", "&") if first else None


def select_targets() -> list[Target]:
    client = Client()
    finding = _finding_with_related()
    theme = Theme.objects.annotate(n=_published_count("findings")).order_by("-n", "pk").first()
    sdg = SDG.objects.annotate(n=_published_count("findings")).order_by("-n", "pk").first()
    consortium = (
        Consortium.objects.annotate(n=_published_count("findings")).order_by("-n", "pk").first()
    )
    organisation = (
        Organisation.objects.annotate(n=Count("memberships")).order_by("-n", "pk").first()
    )
    person = Person.objects.annotate(n=Count("contributions")).order_by("-n", "pk").first()
    event = (
        Event.objects.published()
        .annotate(n=Count("sessions__contributions"))
        .order_by("-n", "-starts_at")
        .first()
    )
    deep_page, deep_note = _deepest_page(client)
    search, search_note = _search(client, SEARCH_WORDS)
    api_search, api_search_note = _search(client, API_SEARCH_WORDS)
    targets = [
        Target("home", "/en/", "page", role="home"),
        Target("findings list", "/en/findings/", "page", role="findings_list"),
        Target(
            "search",
            f"/en/findings/?q={search.replace(' ', '+')}",
            "page",
            role="search",
            note=search_note,
        ),
        Target("facets", f"/en/findings/?theme={theme.slug}&sdg={sdg.number}", "page"),
        Target("deep page", f"/en/findings/?page={deep_page}", "page", note=deep_note),
        Target("finding", finding.get_absolute_url(), "page", role="finding"),
        Target("theme", theme.get_absolute_url(), "page"),
        Target("SDG", sdg.get_absolute_url(), "page"),
        Target("consortium", consortium.get_absolute_url(), "page"),
        Target("organisation", organisation.get_absolute_url(), "page"),
        Target("person", person.get_absolute_url(), "page"),
        Target("event", event.get_absolute_url(), "page", role="event"),
        Target("consortia list", "/en/consortia/", "page"),
        Target("themes list", "/en/themes/", "page"),
        Target("SDGs list", "/en/sdgs/", "page"),
        Target("people list", "/en/people/", "page"),
        Target("organisations list", "/en/organisations/", "page"),
        Target("events list", "/en/events/", "page"),
        Target("Atom feed", "/en/findings/feed.atom", "page"),
        Target("sitemap", "/sitemap.xml", "page"),
        # The knowledge layer (README, "Compare across consortia", "Outputs", "Provenance").
        Target("compare", "/en/compare/", "page"),
        Target("compare by country and level", "/en/compare/?rows=country&cols=level", "page"),
        Target("side by side", f"/en/compare/theme/{theme.slug}/", "page"),
        Target("claim facets", "/en/findings/?level=national&kind=recommendation", "page"),
        Target("contested findings", "/en/findings/?contested=1", "page"),
        Target("trail", f"{finding.get_absolute_url()}trail/", "page"),
        Target("outputs list", "/en/outputs/", "page"),
    ]
    section = _sitemap_section(client)
    if section:
        targets.append(Target("sitemap section", section, "page"))
    targets += [
        Target("calendar", "/en/events/calendar.ics", "page"),
        Target("event calendar", f"/en/events/{event.slug}/calendar.ics", "page"),
        Target(
            "API findings",
            f"/api/v1/findings/?page_size={API_PAGE_SIZE}",
            "api",
            role="api_list",
        ),
        Target("API search", f"/api/v1/findings/?search={api_search}", "api", note=api_search_note),
        Target("API finding", f"/api/v1/findings/{finding.slug}/", "api"),
    ]
    details = {
        "consortia": consortium.slug,
        "organisations": organisation.slug,
        "people": person.slug,
        "events": event.slug,
        "themes": theme.slug,
        "sdgs": sdg.number,
    }
    for endpoint, key in details.items():
        targets.append(Target(f"API {endpoint}", f"/api/v1/{endpoint}/", "api"))
        targets.append(Target(f"API {endpoint} detail", f"/api/v1/{endpoint}/{key}/", "api"))
    return targets


def select_targets_as_dicts() -> list[dict]:
    return [asdict(target) for target in select_targets()]
