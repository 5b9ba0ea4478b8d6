"""What OAI-PMH offers: public findings as records (withdrawn ones as deleted records), in
sets per consortium and per theme, read a page at a time in a fixed number of queries.

The records are ``Finding.objects.public()`` (findings.workflow): the listed findings, and the
withdrawn ones, which harvesters must learn to delete. A record's datestamp is the finding's
``updated_at``: publishing and withdrawing both save the finding, so both move it.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, Min, OuterRef, Q, QuerySet

from consortia.models import Consortium

from ..enums import FindingStatus
from ..models import SDG, Finding, Source, Theme

CONSORTIUM_SETS, THEME_SETS = "consortium", "theme"
_LOCAL_PREFIX = "finding/"


@dataclass
class Record:
    pk: int
    identifier: str
    datestamp: dt.datetime
    deleted: bool
    slug: str
    set_specs: list[str] = field(default_factory=list)
    # oai_dc, for records that are not deleted
    title: str = ""
    creator: str = ""
    publisher: str = ""
    summary: str = ""
    published_at: dt.datetime | None = None
    subjects: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    doi: str = ""


def repository_domain() -> str:
    """The namespace of identifiers: the public address's host, stable whatever address a
    request came in by."""
    return urlsplit(settings.PLP_SITE_URL).hostname or "localhost"


def identifier_of(pk: int) -> str:
    return f"oai:{repository_domain()}:{_LOCAL_PREFIX}{pk}"


def pk_of(identifier: str) -> int | None:
    prefix = f"oai:{repository_domain()}:{_LOCAL_PREFIX}"
    local = identifier.removeprefix(prefix)
    if local == identifier or not local.isdigit() or len(local) > 18:
        return None
    return int(local)


def earliest_datestamp() -> dt.datetime | None:
    return Finding.objects.public().aggregate(earliest=Min("updated_at"))["earliest"]


def public_findings(*, set_spec: str = "", since=None, before=None) -> QuerySet:
    """The public findings of a set, changed in [since, before)."""
    findings = Finding.objects.public()
    if since is not None:
        findings = findings.filter(updated_at__gte=since)
    if before is not None:
        findings = findings.filter(updated_at__lt=before)
    if set_spec:
        kind, _, slug = set_spec.partition(":")
        links = Finding.themes.through.objects.filter(finding_id=OuterRef("pk"))
        if kind == CONSORTIUM_SETS and slug:
            findings = findings.filter(consortium__slug=slug)
        elif kind == THEME_SETS and slug:
            findings = findings.filter(Exists(links.filter(theme__slug=slug)))
        elif kind == THEME_SETS:
            findings = findings.filter(Exists(links))
        elif kind != CONSORTIUM_SETS or ":" in slug:
            findings = findings.none()  # no such set
    return findings


def page_after(findings: QuerySet, after: tuple[dt.datetime, int] | None, size: int) -> QuerySet:
    """Up to `size` findings after `after` (a datestamp and id), oldest change first."""
    if after is not None:
        moment, pk = after
        findings = findings.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk))
    return findings.order_by("updated_at", "pk")[:size]


_FIELDS = [
    "pk",
    "slug",
    "status",
    "updated_at",
    "title",
    "summary",
    "published_at",
    "countries",
    "consortium__slug",
    "consortium__short_name",
    "consortium__programme__name",
    "doi",
]


def records(findings: QuerySet, *, with_metadata: bool) -> list[Record]:
    """The findings as records, with their sets (and their Dublin Core): four queries."""
    rows = list(findings.values(*_FIELDS))
    ids = [row["pk"] for row in rows]
    themes = defaultdict(list)
    for finding_id, slug, name in (
        Finding.themes.through.objects.filter(finding_id__in=ids)
        .order_by("theme__kind", "theme__position", "theme__name")
        .values_list("finding_id", "theme__slug", "theme__name")
    ):
        themes[finding_id].append((slug, name))
    sdgs, sources = defaultdict(list), defaultdict(list)
    if with_metadata:
        for finding_id, number, name in (
            Finding.sdgs.through.objects.filter(finding_id__in=ids)
            .order_by("sdg_id")
            .values_list("finding_id", "sdg_id", "sdg__short_name")
        ):
            sdgs[finding_id].append(str(SDG(number=number, short_name=name)))
        for finding_id, url in (
            Source.objects.filter(finding_id__in=ids)
            .order_by("finding", "position", "id")
            .values_list("finding_id", "url")
        ):
            sources[finding_id].append(url)
    result = []
    for row in rows:
        record = Record(
            pk=row["pk"],
            identifier=identifier_of(row["pk"]),
            datestamp=row["updated_at"],
            deleted=row["status"] == FindingStatus.WITHDRAWN,
            slug=row["slug"],
            set_specs=[f"{CONSORTIUM_SETS}:{row['consortium__slug']}"]
            + [f"{THEME_SETS}:{slug}" for slug, _name in themes[row["pk"]]],
        )
        if with_metadata and not record.deleted:
            record.title = row["title"]
            record.creator = row["consortium__short_name"]
            record.publisher = row["consortium__programme__name"] or settings.SITE_NAME
            record.summary = row["summary"]
            record.published_at = row["published_at"]
            record.subjects = [name for _slug, name in themes[row["pk"]]] + sdgs[row["pk"]]
            record.countries = [code for code in (row["countries"] or "").split(",") if code]
            record.relations = sources[row["pk"]]
            record.doi = row["doi"]
        result.append(record)
    return result


@dataclass
class OaiSet:
    spec: str
    name: str


def set_count() -> int:
    return 2 + Consortium.objects.count() + Theme.objects.count()


def sets_page(start: int, size: int, *, consortia_name, themes_name, consortium_name, theme_name):
    """The sets from place `start`: the two parents, then a set per consortium (by slug),
    then a set per theme (by slug); the names made by the given functions."""
    parents = [
        OaiSet(CONSORTIUM_SETS, consortia_name),
        OaiSet(THEME_SETS, themes_name),
    ]
    page = parents[start : start + size]
    start = max(0, start - len(parents))
    wanted = size - len(page)
    if wanted:
        consortia = list(
            Consortium.objects.order_by("slug").values_list("slug", "short_name")[
                start : start + wanted
            ]
        )
        page += [
            OaiSet(f"{CONSORTIUM_SETS}:{slug}", consortium_name(name)) for slug, name in consortia
        ]
        wanted = size - len(page)
        if wanted:
            skipped = max(0, start - Consortium.objects.count()) if not consortia else 0
            themes = Theme.objects.order_by("slug").values_list("slug", "name")
            page += [
                OaiSet(f"{THEME_SETS}:{slug}", theme_name(name))
                for slug, name in themes[skipped : skipped + wanted]
            ]
    return page
