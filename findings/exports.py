"""The findings list as a download: CSV or JSON Lines, streamed a chunk of rows at a time.

The rows are the findings list's own (``filters.finding_list_filter``: the listed findings,
the same facets, search and sort), read as ``values()`` through ``.iterator(chunk_size)``;
each chunk's themes, SDGs and claim (levers, levels, evidence, targets) come from one query
per relation, so a download of 100,000
findings holds one chunk in memory and costs a few queries per chunk, never one per row.
Whether a finding is contested is read with its row (the ``?contested=1`` filter's rule).
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connections
from django.db.models import BooleanField, Expression, Q, QuerySet

from .models import Evidence, Finding
from .reactions.selectors import contested_condition

#: Rows read from the database (and written out) at a time.
CHUNK_SIZE = 2_000

#: The columns, in order: the CSV's header row and the keys of each JSON line.
COLUMNS = [
    "slug",
    "title",
    "consortium",
    "consortium_name",
    "summary",
    "themes",
    "sdgs",
    "countries",
    "published_at",
    "updated_at",
    "url",
    "doi",
    # The structured claim (findings.claims).
    "kind",
    "levers",
    "levels",
    "evidence",
    "sdg_targets",
    # At least one published "found otherwise" (findings.reactions): true or false.
    "contested",
]
_ROW_FIELDS = [
    "pk",
    "slug",
    "title",
    "consortium__slug",
    "consortium__short_name",
    "summary",
    "countries",
    "published_at",
    "updated_at",
    "doi",
    "kind",
]
# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"): such a cell gets a leading apostrophe, which spreadsheets show as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Separates the values of a list in one CSV cell.
LIST_SEPARATOR = "; "


def spreadsheet_safe(value: str) -> str:
    """`value`, made inert for spreadsheets: a text starting like a formula is prefixed with
    an apostrophe, so that opening the file never runs it."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def chunks(rows: Iterable, size: int) -> Iterator[list]:
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def finding_rows(findings: QuerySet, url_template: str) -> Iterator[dict]:
    """Each finding of `findings` (in its order) as a dict of `COLUMNS`: lists as lists,
    moments as ISO 8601 in UTC. `url_template` has ``{}`` where the slug goes."""
    rows = findings.values(*_ROW_FIELDS, contested=contested_condition()).iterator(
        chunk_size=CHUNK_SIZE
    )
    for chunk in chunks(rows, CHUNK_SIZE):
        ids = [row["pk"] for row in chunk]
        themes, sdgs = _links(ids, findings.db)
        claim = _claim_links(ids, findings.db)
        for row in chunk:
            yield {
                "slug": row["slug"],
                "title": row["title"],
                "consortium": row["consortium__slug"],
                "consortium_name": row["consortium__short_name"],
                "summary": row["summary"],
                "themes": themes.get(row["pk"], []),
                "sdgs": sdgs.get(row["pk"], []),
                "countries": [code for code in (row["countries"] or "").split(",") if code],
                "published_at": _moment(row["published_at"]),
                "updated_at": _moment(row["updated_at"]),
                "url": url_template.format(row["slug"]),
                "doi": row["doi"],
                "kind": row["kind"],
                **{name: claim[name].get(row["pk"], []) for name in CLAIM_LISTS},
                "contested": bool(row["contested"]),
            }


class _FindingAmong(Expression):
    """The link's finding is one of `ids`, as one array parameter (PostgreSQL): building and
    planning a 2,000-value IN list costs more than the query it filters."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, ids: list[int]):
        super().__init__()
        self.ids = list(ids)

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.{connection.ops.quote_name('finding_id')} = ANY(%s::bigint[])", [self.ids]


def _among(ids: list[int], using: str) -> Q | Expression:
    if connections[using].vendor == "postgresql":
        return _FindingAmong(ids)
    return Q(finding_id__in=ids)


def _links(ids: list[int], using: str) -> tuple[dict[int, list[str]], dict[int, list[int]]]:
    """The theme slugs and SDG numbers of these findings, by finding: two queries."""
    themes: dict[int, list[str]] = defaultdict(list)
    theme_links = (
        Finding.themes.through.objects.using(using)
        .filter(_among(ids, using))
        .order_by("theme__kind", "theme__position", "theme__name")
        .values_list("finding_id", "theme__slug")
    )
    for finding_id, slug in theme_links:
        themes[finding_id].append(slug)
    sdgs: dict[int, list[int]] = defaultdict(list)
    sdg_links = (
        Finding.sdgs.through.objects.using(using)
        .filter(_among(ids, using))
        .order_by("sdg_id")
        .values_list("finding_id", "sdg_id")
    )
    for finding_id, number in sdg_links:
        sdgs[finding_id].append(number)
    return themes, sdgs


#: The claim's lists, in the order of their columns.
CLAIM_LISTS = ("levers", "levels", "evidence", "sdg_targets")
#: The claim's links: (link rows, the value each gives, their order).
_CLAIM_LINKS = {
    "levers": (
        Finding.levers.through,
        "policylever__slug",
        ["policylever__position", "policylever__name"],
    ),
    "levels": (Finding.levels.through, "governmentlevel_id", ["governmentlevel__position"]),
    "sdg_targets": (
        Finding.sdg_targets.through,
        "sdgtarget_id",
        ["sdgtarget__goal", "sdgtarget__position"],
    ),
}


def _claim_links(ids: list[int], using: str) -> dict[str, dict[int, list]]:
    """The lever slugs, level codes, evidence and SDG target codes of these findings, by
    finding: four queries."""
    found: dict[str, dict[int, list]] = {}
    for name, (links, value, order) in _CLAIM_LINKS.items():
        found[name] = defaultdict(list)
        rows = links.objects.using(using).filter(_among(ids, using)).order_by(*order)
        for finding_id, item in rows.values_list("finding_id", value):
            found[name][finding_id].append(item)
    found["evidence"] = defaultdict(list)
    evidence = Evidence.objects.using(using).filter(_among(ids, using)).order_by("kind")
    for finding_id, kind, count in evidence.values_list("finding_id", "kind", "count"):
        found["evidence"][finding_id].append({"kind": kind, "count": count})
    return found


def evidence_text(item: dict) -> str:
    """One piece of evidence in a CSV cell: "case_studies:12", or "survey" without a count."""
    return f"{item['kind']}:{item['count']}" if item["count"] else item["kind"]


def _moment(value) -> str:
    return value.isoformat().replace("+00:00", "Z") if value else ""


class _Line:
    """A file-like object that hands back what the csv writer writes to it."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    """The header row, then one CSV record per row (RFC 4180 quoting, CRLF line ends), each
    text cell made inert for spreadsheets; yielded a chunk of records at a time."""
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for chunk in chunks(rows, CHUNK_SIZE):
        yield "".join(writer.writerow(_csv_cells(row)) for row in chunk)


_LIST_COLUMNS = {"themes", "sdgs", "countries", "levers", "levels", "sdg_targets"}


def _csv_cells(row: dict) -> list[str]:
    return [spreadsheet_safe(_csv_text(row, column)) for column in COLUMNS]


def _csv_text(row: dict, column: str) -> str:
    if column == "evidence":
        return LIST_SEPARATOR.join(evidence_text(item) for item in row[column])
    if column in _LIST_COLUMNS:
        return LIST_SEPARATOR.join(map(str, row[column]))
    if column == "contested":
        return "true" if row[column] else "false"  # as JSON writes it
    return row[column]


# Valid in JSON, but line breaks to many line readers (Python's str.splitlines among them):
# escaped, so that one record is always one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_lines(rows: Iterable[dict]) -> Iterator[str]:
    """One JSON object per line (JSON Lines), yielded a chunk of lines at a time."""
    for chunk in chunks(rows, CHUNK_SIZE):
        yield "".join(
            json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS) + "\n" for row in chunk
        )
