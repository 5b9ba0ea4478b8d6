"""Compare across consortia: published findings counted by two axes at once (a matrix).

An axis is one entry of ``AXES``: the findings list's facet it stands for (its links filter
the findings list by it), how a finding's values on it are read in SQL, and how its values
are named and ordered. A new axis is a few lines: the claim's (policy lever, level of
government, kind, SDG target) were added so. Contested findings (findings.reactions) mark
their cells (one grouped query).

Counting is one grouped query whatever the number of findings: every (finding, row value,
column value) triple of the selected findings, grouped by cell, by row, by column and in all
(``COUNT(DISTINCT finding)``, so a finding with two countries counts once in its row's
total; on PostgreSQL one ``GROUPING SETS`` pass, elsewhere four ``UNION ALL`` branches). On
PostgreSQL the axes stored in ``facet_terms`` are read from that one array (``unnest``, one
scan, see findings/facets.py); other axes, and SQLite, join the link tables. The titles shown
in the cells of a small matrix are one more query, run only when the whole matrix holds at
most ``TITLES_MAX_FINDINGS`` findings.

What the queries give does not depend on the reader's language: the counts (with the titles
of a small matrix) and the contested marks are cached per axes and selection
(``plp_portal.content_changes.cached``) until a finding or a vocabulary changes, the marks also
until a reaction does. Only the values' names are read on every request.
"""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Expression, F, QuerySet, TextField, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from consortia.models import Consortium
from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag

from .enums import ClaimKind
from .facets import filter_findings, is_postgresql
from .models import SDG, Evidence, Finding, GovernmentLevel, PolicyLever, SDGTarget, Theme
from .reactions.enums import ReactionKind, ReactionStatus
from .reactions.models import Reaction
from .selectors import ConsortiumGroup, LatestFindings, ThemeFindings, card_fields

#: The largest matrix shown: the values with most findings, the rest left out (and said so).
MAX_ROWS = 40
MAX_COLUMNS = 20
#: Cells list titles (up to TITLES_PER_CELL each) when the matrix holds at most these many
#: findings and cells; otherwise counts only.
TITLES_MAX_FINDINGS = 60
TITLES_MAX_CELLS = 36
TITLES_PER_CELL = 3

#: (finding id, value key) pairs in SQL for the findings of a queryset.
PairsSQL = Callable[[QuerySet], tuple[str, list]]


class AxisError(ValueError):
    """An axis the address asks for does not exist or cannot go there: the page says which."""


@dataclass(frozen=True)
class AxisValue:
    key: str  # as the pairs give it: an id, an SDG number, a country code
    param: str  # as the findings list's filter takes it: a slug, a number, a code
    label: str
    url: str = ""  # the value's own page, if any


@dataclass(frozen=True)
class Axis:
    name: str  # in ?rows= and ?cols=
    label: str
    facet: str  # the findings list's query parameter
    pairs: PairsSQL
    values: Callable[[set[str]], list[AxisValue]]  # named and in display order
    #: The prefix of its values in `facet_terms` on PostgreSQL, if it is stored there.
    term: str = ""
    as_columns: bool = True
    #: A page putting each consortium's findings on one value side by side (compare_side).
    side_by_side: bool = False


def _sql(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    return sql, list(params)


def _own_column(column: str) -> PairsSQL:
    return lambda findings: _sql(findings.values_list("pk", column))


def _link_table(link_model, value_column: str) -> PairsSQL:
    def pairs(findings: QuerySet):
        links = link_model.objects.filter(finding__in=findings.values("pk"))
        return _sql(links.order_by().values_list("finding_id", value_column))

    return pairs


def _countries(findings: QuerySet) -> tuple[str, list]:
    # Stored as "ES,FR" (a multiple CountryField): split into rows.
    inner, params = _sql(findings.values_list("id", "countries"))
    if is_postgresql(findings):
        sql = (
            f"SELECT f.id, code FROM ({inner}) AS f, "  # noqa: S608
            "unnest(string_to_array(f.countries, ',')) AS code WHERE code <> ''"
        )
    else:
        sql = (
            f"SELECT f.id, code.value FROM ({inner}) AS f, "  # noqa: S608
            """json_each('["' || replace(f.countries, ',', '","') || '"]') AS code """
            "WHERE f.countries <> ''"
        )
    return sql, params


def _themes(keys: set[str]) -> list[AxisValue]:
    return [
        AxisValue(str(theme.pk), theme.slug, theme.name, theme.get_absolute_url())
        for theme in Theme.objects.filter(pk__in=keys).only("pk", "slug", "name")
    ]


def _sdgs(keys: set[str]) -> list[AxisValue]:
    return [
        AxisValue(str(sdg.number), str(sdg.number), str(sdg), sdg.get_absolute_url())
        for sdg in SDG.objects.filter(number__in=keys)
    ]


def _consortia(keys: set[str]) -> list[AxisValue]:
    return [
        AxisValue(str(c.pk), c.slug, c.short_name, c.get_absolute_url())
        for c in Consortium.objects.filter(pk__in=keys)
        .only("pk", "slug", "short_name")
        .order_by("short_name")
    ]


def _country_values(keys: set[str]) -> list[AxisValue]:
    named = [(str(all_countries.name(code)) or code, code) for code in keys]
    return [AxisValue(code, code, name) for name, code in sorted(named)]


def _levers(keys: set[str]) -> list[AxisValue]:
    return [
        AxisValue(str(lever.pk), lever.slug, lever.name)
        for lever in PolicyLever.objects.filter(pk__in=keys).only("pk", "slug", "name")
    ]


def _levels(keys: set[str]) -> list[AxisValue]:
    return [
        AxisValue(level.code, level.code, str(level))
        for level in GovernmentLevel.objects.filter(code__in=keys)
    ]


def _targets(keys: set[str]) -> list[AxisValue]:
    return [
        AxisValue(target.code, target.code, target.code)
        for target in SDGTarget.objects.filter(code__in=keys).only("code", "goal", "position")
    ]


def _kinds(keys: set[str]) -> list[AxisValue]:
    return [
        AxisValue(kind.value, kind.value, str(kind.label)) for kind in ClaimKind if kind in keys
    ]


AXES: dict[str, Axis] = {
    axis.name: axis
    for axis in [
        Axis(
            "theme",
            _("Theme"),
            "theme",
            _link_table(Finding.themes.through, "theme_id"),
            _themes,
            term="theme",
            side_by_side=True,
        ),
        Axis(
            "sdg",
            _("SDG"),
            "sdg",
            _link_table(Finding.sdgs.through, "sdg_id"),
            _sdgs,
            term="sdg",
            side_by_side=True,
        ),
        Axis(
            "consortium",
            _("Consortium"),
            "consortium",
            _own_column("consortium_id"),
            _consortia,
            term="consortium",
        ),
        Axis("country", _("Country"), "country", _countries, _country_values, term="country"),
        # The structured claim (findings.claims).
        Axis(
            "lever",
            _("Policy lever"),
            "lever",
            _link_table(Finding.levers.through, "policylever_id"),
            _levers,
            term="lever",
            side_by_side=True,
        ),
        Axis(
            "level",
            _("Level of government"),
            "level",
            _link_table(Finding.levels.through, "governmentlevel_id"),
            _levels,
            term="level",
        ),
        Axis(
            "kind",
            _("Kind of claim"),
            "kind",
            lambda findings: _sql(findings.exclude(kind="").values_list("pk", "kind")),
            _kinds,
            term="kind",
        ),
        Axis(
            "sdg_target",
            _("SDG target"),
            "sdg_target",
            _link_table(Finding.sdg_targets.through, "sdgtarget_id"),
            _targets,
            term="sdg_target",
            as_columns=False,
        ),
    ]
}
DEFAULT_ROWS = "lever"
DEFAULT_COLUMNS = "consortium"


def row_axes() -> list[Axis]:
    return list(AXES.values())


def column_axes() -> list[Axis]:
    return [axis for axis in AXES.values() if axis.as_columns]


def choose_axes(rows: str | None, cols: str | None) -> tuple[Axis, Axis]:
    """The axes the address names (or the defaults). Raises AxisError with a sentence."""
    rows, cols = rows or DEFAULT_ROWS, cols or DEFAULT_COLUMNS
    if rows not in AXES:
        raise AxisError(_("There is no axis “%(name)s” for the rows.") % {"name": rows})
    if cols not in AXES or not AXES[cols].as_columns:
        raise AxisError(_("There is no axis “%(name)s” for the columns.") % {"name": cols})
    if rows == cols:
        raise AxisError(_("Rows and columns need two different axes."))
    return AXES[rows], AXES[cols]


@dataclass
class Cell:
    count: int = 0
    titles: list[tuple[str, str]] = field(default_factory=list)  # (title, slug)
    contested: int = 0  # its findings another organisation found otherwise (contested_counts)


@dataclass
class Matrix:
    rows: Axis
    cols: Axis
    row_values: list[AxisValue]
    col_values: list[AxisValue]
    cells: dict[tuple[str, str], Cell]
    row_totals: dict[str, int]
    col_totals: dict[str, int]
    total: int
    rows_left_out: int = 0
    cols_left_out: int = 0
    with_titles: bool = False

    def cell(self, row: AxisValue, col: AxisValue) -> Cell:
        return self.cells.get((row.key, col.key)) or Cell()

    @property
    def table(self) -> list[tuple[AxisValue, list[tuple[AxisValue, Cell]], int]]:
        return [
            (row, [(col, self.cell(row, col)) for col in self.col_values], self.row_totals[row.key])
            for row in self.row_values
        ]

    @property
    def column_totals(self) -> list[tuple[AxisValue, int]]:
        return [(col, self.col_totals[col.key]) for col in self.col_values]


class _FacetTerms(Expression):
    output_field = ArrayField(TextField())

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.facet_terms", []


def _triples(findings: QuerySet, rows: Axis, cols: Axis) -> tuple[str, list]:
    """A `WITH` clause naming `triples (finding, row_key, col_key)`: every finding of the
    queryset with each of its row values and each of its column values."""
    if is_postgresql(findings) and rows.term and cols.term:
        # One scan: each finding's own array of terms, unnested twice.
        inner, params = _sql(findings.annotate(terms=_FacetTerms()).values_list("pk", "terms"))
        sql = (
            f"WITH f (id, terms) AS ({inner}), "
            "triples (finding, row_key, col_key) AS ("
            " SELECT f.id, substr(r.term, %s), substr(c.term, %s)"
            " FROM f, unnest(f.terms) AS r (term), unnest(f.terms) AS c (term)"
            " WHERE r.term LIKE %s AND c.term LIKE %s)"
        )
        return sql, [
            *params,
            len(rows.term) + 2,
            len(cols.term) + 2,
            f"{rows.term}:%",
            f"{cols.term}:%",
        ]
    row_sql, row_params = rows.pairs(findings)
    col_sql, col_params = cols.pairs(findings)
    sql = (
        f"WITH r (finding, value) AS ({row_sql}), c (finding, value) AS ({col_sql}), "
        "triples (finding, row_key, col_key) AS ("
        " SELECT r.finding, CAST(r.value AS TEXT), CAST(c.value AS TEXT)"
        " FROM r JOIN c ON r.finding = c.finding)"
    )
    return sql, [*row_params, *col_params]


# Each row: (row key or NULL, column key or NULL, findings); both NULL is the grand total.
# PostgreSQL groups the triples once in all four ways (and reads them once, where the four
# branches below make it store them and sort them three times); GROUPING() tells a total's
# NULL from a key.
_GROUPED_POSTGRESQL = """
    SELECT
        CASE WHEN GROUPING(row_key) = 0 THEN row_key END,
        CASE WHEN GROUPING(col_key) = 0 THEN col_key END,
        COUNT(DISTINCT finding)
    FROM triples GROUP BY GROUPING SETS ((row_key, col_key), (row_key), (col_key), ())
"""
_GROUPED = """
    SELECT row_key, col_key, COUNT(DISTINCT finding) FROM triples GROUP BY row_key, col_key
    UNION ALL SELECT row_key, NULL, COUNT(DISTINCT finding) FROM triples GROUP BY row_key
    UNION ALL SELECT NULL, col_key, COUNT(DISTINCT finding) FROM triples GROUP BY col_key
    UNION ALL SELECT NULL, NULL, COUNT(DISTINCT finding) FROM triples
"""


@dataclass
class GroupedCounts:
    cells: Counter  # (row key, column key) -> findings
    row_totals: Counter
    col_totals: Counter
    total: int
    with_sql: str | None  # the `WITH … triples` clause (None: no finding at all)
    params: list


def grouped_counts(findings: QuerySet, rows: Axis, cols: Axis) -> GroupedCounts:
    """The findings counted by cell, row, column and in all: one query."""
    counts = GroupedCounts(Counter(), Counter(), Counter(), 0, None, [])
    try:
        counts.with_sql, counts.params = _triples(findings.order_by(), rows, cols)
    except EmptyResultSet:
        return counts
    grouped = _GROUPED_POSTGRESQL if is_postgresql(findings) else _GROUPED
    with connections[findings.db].cursor() as cursor:
        cursor.execute(counts.with_sql + grouped, counts.params)
        for row_key, col_key, number in cursor.fetchall():
            if row_key is not None and col_key is not None:
                counts.cells[(str(row_key), str(col_key))] = number
            elif row_key is not None:
                counts.row_totals[str(row_key)] = number
            elif col_key is not None:
                counts.col_totals[str(col_key)] = number
            else:
                counts.total = number
    return counts


#: What the counts read (content tags, plp_portal.content_signals): a change to any of these
#: kinds retires them. A link added or removed on either side bumps the finding's tag.
COUNTED_TAGS = tuple(
    kind_tag(model)
    for model in (
        Finding,
        Theme,
        SDG,
        Consortium,
        PolicyLever,
        GovernmentLevel,
        SDGTarget,
        Evidence,
    )
)
#: The contested marks also read the reactions (so do the counts of ``?contested=1``).
REACTIONS_TAG = kind_tag(Reaction)


@dataclass
class MatrixCounts:
    """What the queries give for two axes and a selection, whatever the reader's language:
    cached (``matrix_counts``)."""

    cells: dict[tuple[str, str], int]
    row_totals: Counter
    col_totals: Counter
    total: int
    #: The newest titles of each cell, (title, slug), when the matrix holds at most
    #: TITLES_MAX_FINDINGS findings; None otherwise.
    titles: dict[tuple[str, str], list[tuple[str, str]]] | None = None


def selected_findings(selection: Mapping[str, Iterable[str]]) -> QuerySet:
    """The published findings of a selection (``findings.facets`` keys): what the findings
    list's facet filters give for it."""
    return filter_findings(Finding.objects.published(), selection)


def _selection_key(rows: Axis, cols: Axis, selection: Mapping[str, Iterable[str]]) -> str:
    """The axes and a digest of the selection, normalised (the order of facets and of their
    values never matters): a short cache key however long the selection."""
    normal = sorted(
        (facet, sorted({str(key) for key in keys})) for facet, keys in selection.items() if keys
    )
    digest = hashlib.blake2s(repr(normal).encode(), digest_size=16).hexdigest()
    return f"{rows.name}:{cols.name}:{digest}"


def matrix_counts(rows: Axis, cols: Axis, selection: Mapping[str, Iterable[str]]) -> MatrixCounts:
    """The selection's published findings counted by `rows` and `cols` (one grouped query, and
    one for the titles of a small matrix), cached until a finding or a vocabulary changes."""
    tags = [*COUNTED_TAGS, *([REACTIONS_TAG] if selection.get("contested") else [])]
    return cached(
        f"findings.compare.counts:{_selection_key(rows, cols, selection)}",
        tags,
        lambda: _count(rows, cols, selection),
    )


def _count(rows: Axis, cols: Axis, selection) -> MatrixCounts:
    findings = selected_findings(selection)
    counts = grouped_counts(findings, rows, cols)
    matrix = MatrixCounts(dict(counts.cells), counts.row_totals, counts.col_totals, counts.total)
    if counts.with_sql is not None and 0 < counts.total <= TITLES_MAX_FINDINGS:
        matrix.titles = _titles(findings, counts.with_sql, counts.params)
    return matrix


def contested_counts(
    rows: Axis, cols: Axis, selection: Mapping[str, Iterable[str]]
) -> dict[tuple[str, str], int]:
    """How many findings of each cell are contested (a published "found otherwise" reaction,
    findings.reactions): one grouped query, cached until a finding, a vocabulary or a reaction
    changes."""
    return cached(
        f"findings.compare.contested:{_selection_key(rows, cols, selection)}",
        [*COUNTED_TAGS, REACTIONS_TAG],
        lambda: _count_contested(selected_findings(selection), rows, cols),
    )


def _count_contested(findings: QuerySet, rows: Axis, cols: Axis) -> dict[tuple[str, str], int]:
    try:
        with_sql, params = _triples(findings.order_by(), rows, cols)
    except EmptyResultSet:
        return {}
    contested = (
        Reaction.objects.filter(kind=ReactionKind.OTHERWISE, status=ReactionStatus.PUBLISHED)
        .order_by()
        .values("finding_id")
    )
    inner, inner_params = _sql(contested)
    sql = (
        f"{with_sql} SELECT t.row_key, t.col_key, COUNT(DISTINCT t.finding) FROM triples AS t "
        f"WHERE t.finding IN ({inner}) GROUP BY t.row_key, t.col_key"
    )
    with connections[findings.db].cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params])
        return {
            (str(row_key), str(col_key)): number for row_key, col_key, number in cursor.fetchall()
        }


def compare_matrix(
    rows: Axis, cols: Axis, *, selection: Mapping[str, Iterable[str]] | None = None
) -> Matrix:
    """The published findings of `selection` (the findings list's facet keys, e.g. from
    ``FacetFilterSet.selection``) counted by `rows` and `cols`: the cached counts and marks
    (cold: one grouped query, one for the contested findings per cell, one for the titles of
    a small matrix), and one query per axis for the values' names.

    The selection also keeps the rows or columns of a facet it selects to the selected
    values, so that a cell's link gives exactly its count."""
    selection = selection or {}
    counts = matrix_counts(rows, cols, selection)
    contested = contested_counts(rows, cols, selection) if counts.total else {}
    row_totals, col_totals = counts.row_totals, counts.col_totals
    row_keys = _kept(row_totals, selection.get(rows.facet), MAX_ROWS)
    col_keys = _kept(col_totals, selection.get(cols.facet), MAX_COLUMNS)
    row_values = [value for value in rows.values(row_keys) if value.key in row_keys]
    col_values = [value for value in cols.values(col_keys) if value.key in col_keys]
    with_titles = (
        counts.titles is not None and len(row_values) * len(col_values) <= TITLES_MAX_CELLS
    )
    cells = {
        key: Cell(
            number,
            list(counts.titles.get(key, ())) if with_titles else [],
            contested.get(key, 0),
        )
        for key, number in counts.cells.items()
    }
    return Matrix(
        rows=rows,
        cols=cols,
        row_values=row_values,
        col_values=col_values,
        cells=cells,
        row_totals=row_totals,
        col_totals=col_totals,
        total=counts.total,
        rows_left_out=_left_out(row_totals, selection.get(rows.facet)) - len(row_values),
        cols_left_out=_left_out(col_totals, selection.get(cols.facet)) - len(col_values),
        with_titles=with_titles,
    )


def _kept(totals: Counter, selected, limit: int) -> set[str]:
    keys = [key for key, _number in totals.most_common() if not selected or key in selected]
    return set(keys[:limit])


def _left_out(totals: Counter, selected) -> int:
    return sum(1 for key in totals if not selected or key in selected)


def _titles(findings: QuerySet, with_sql: str, params: list) -> dict[tuple[str, str], list]:
    """The titles of each cell's newest findings (at most TITLES_PER_CELL)."""
    table = Finding._meta.db_table
    sql = (
        f"{with_sql} SELECT t.row_key, t.col_key, f.title, f.slug FROM triples AS t "
        f"JOIN {table} AS f ON f.id = t.finding ORDER BY f.published_at DESC, f.title"
    )
    titles: dict[tuple[str, str], list[tuple[str, str]]] = {}
    with connections[findings.db].cursor() as cursor:
        cursor.execute(sql, params)
        for row_key, col_key, title, slug in cursor.fetchall():
            cell = titles.setdefault((str(row_key), str(col_key)), [])
            if len(cell) < TITLES_PER_CELL:
                cell.append((title, slug))
    return titles


def matrix_csv_rows(matrix: Matrix) -> list[list[str]]:
    """The matrix as a spreadsheet: a header row, one row per row value with its total, and
    the column totals."""
    total = str(_("Total"))
    lines = [[str(matrix.rows.label), *(value.label for value in matrix.col_values), total]]
    for row, cells, row_total in matrix.table:
        lines.append([row.label, *(str(cell.count) for _col, cell in cells), str(row_total)])
    lines.append(
        [total, *(str(number) for _col, number in matrix.column_totals), str(matrix.total)]
    )
    return lines


#: How much a side-by-side page shows; the findings list has the rest.
SIDE_CONSORTIA = 12
SIDE_FINDINGS_PER_CONSORTIUM = 5


def side_by_side(
    axis: Axis,
    key: str,
    *,
    consortia: int = SIDE_CONSORTIA,
    per_consortium: int = SIDE_FINDINGS_PER_CONSORTIUM,
):
    """The consortia with most published findings on one value of an axis (its
    ``findings.facets`` key), each with its newest few. The counts per consortium are the
    matrix's (``matrix_counts`` of the axis by consortium on that value: cached, and shared
    with the table the page links to); then the consortia in name order, the newest
    findings' ids of each (cached alike) and their cards."""
    selection = {axis.facet: [key]}
    counted = matrix_counts(axis, AXES["consortium"], selection)
    by_consortium = {
        int(consortium): number
        for (row_key, consortium), number in counted.cells.items()
        if row_key == key
    }
    # Most findings first, then by name (in the database's collation, as the lists sort).
    in_name_order = Consortium.objects.filter(pk__in=by_consortium).order_by("short_name")
    position = {pk: index for index, pk in enumerate(in_name_order.values_list("pk", flat=True))}
    counts = sorted(
        by_consortium.items(), key=lambda item: (-item[1], position.get(item[0], len(position)))
    )
    leading = counts[:consortia]
    ids = [consortium_id for consortium_id, _number in leading]
    newest: dict[int, list[Finding]] = {consortium_id: [] for consortium_id in ids}
    if ids:
        ranked = (
            selected_findings(selection)
            .filter(consortium_id__in=ids)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("consortium_id"),
                    order_by=[F("published_at").desc(), F("title").asc()],
                )
            )
            .filter(rank__lte=per_consortium)
            .values_list("pk", flat=True)
        )
        # Language-independent like the counts, and cached with them.
        newest_ids = cached(
            f"findings.compare.side-newest:{axis.name}:{key}:{consortia}:{per_consortium}",
            COUNTED_TAGS,
            lambda: list(ranked),
        )
        cards = card_fields(Finding.objects.filter(pk__in=newest_ids))
        for finding in cards.select_related("consortium").order_by("-published_at", "title"):
            newest[finding.consortium_id].append(finding)
    groups = [
        ConsortiumGroup(newest[cid][0].consortium, LatestFindings(newest[cid], number))
        for cid, number in leading
        if newest[cid]
    ]
    return ThemeFindings(groups, sum(number for _cid, number in counts), len(counts))
