"""The findings' facets: filtering by several values at once, and counting every value.

Semantics, as the big catalogues have them: values of one facet combine with OR, facets with
AND (`?theme=a&theme=b&sdg=3` is "theme a or b, and SDG 3").

The structured claim (findings.claims) adds five facets stored the same way: "kind:<kind>",
"lever:<id>", "level:<code>", "evidence:<kind>" and "sdg_target:<code>" (migration 0018).

On PostgreSQL every finding carries its facet values in `facet_terms` ("theme:12", "sdg:3",
"country:ES", "consortium:7"; kept by triggers, GIN-indexed, migration 0007): a facet filter
is an indexed `&&`, and one scan with `unnest` counts all facets of a result at once. Years
come from `published_at` in the site's time zone. Elsewhere (SQLite, the embedded default)
the same filters are joins and the counts a grouped query for themes, one for SDGs and one
read of the rows for the rest; the results are the same.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BooleanField,
    Count,
    Expression,
    IntegerField,
    Q,
    QuerySet,
    TextField,
)
from django.utils import timezone

from .enums import FindingStatus
from .models import Evidence, Finding

FACETS = (
    "theme",
    "sdg",
    "consortium",
    "country",
    "year",
    "kind",
    "lever",
    "level",
    "evidence",
    "sdg_target",
)
#: Yes/no filters a selection may hold besides the facets (``{"contested": ["1"]}``): they
#: narrow the result and are counted apart (``findings.selectors.FacetSummary.contested``).
FLAGS = ("contested",)
#: The facets stored in `facet_terms` and filtered through it on PostgreSQL.
TERM_FACETS = ("theme", "sdg", "country", "kind", "lever", "level", "evidence", "sdg_target")

#: Per facet, the selected values as keys: theme and consortium ids, SDG numbers, country
#: codes and years, all as strings.
Selection = Mapping[str, Iterable[str]]
#: Per facet, per key, a number of findings.
Counts = dict[str, Counter]

ThemeLink = Finding.themes.through
SDGLink = Finding.sdgs.through
LeverLink = Finding.levers.through
LevelLink = Finding.levels.through
TargetLink = Finding.sdg_targets.through
#: The facets counted on SQLite by joining a link table: (rows of it, their value's column).
_JOINED = {
    "theme": (ThemeLink.objects, "theme_id"),
    "sdg": (SDGLink.objects, "sdg_id"),
    "lever": (LeverLink.objects, "policylever_id"),
    "level": (LevelLink.objects, "governmentlevel_id"),
    "sdg_target": (TargetLink.objects, "sdgtarget_id"),
    "evidence": (Evidence.objects, "kind"),
}


def is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


class HasAnyFacetTerm(Expression):
    """`facet_terms && ARRAY[...]` on the query's own table, whatever alias it has."""

    output_field = BooleanField()

    def __init__(self, terms: list[str]):
        super().__init__()
        self.terms = terms

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.facet_terms && %s::text[]", [self.terms]


class HasAllFacetTerms(HasAnyFacetTerm):
    """`facet_terms @> ARRAY[...]`: holds every one of the terms."""

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.facet_terms @> %s::text[]", [self.terms]


class SharedFacetTerms(HasAnyFacetTerm):
    """How many of the terms the finding holds."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return (
            f"(SELECT count(*) FROM unnest({alias}.facet_terms) AS term WHERE term = ANY(%s))",
            [self.terms],
        )


def _condition(queryset: QuerySet, facet: str, keys: list[str]):
    if facet == "consortium":
        return Q(consortium_id__in=keys)
    if facet == "year":
        years = Q()
        for year in keys:
            years |= Q(published_at__year=int(year))
        return years
    if is_postgresql(queryset):
        return HasAnyFacetTerm([f"{facet}:{key}" for key in keys])
    if facet == "kind":
        return Q(kind__in=keys)
    if facet in _JOINED:
        links, column = _JOINED[facet]
        return Q(pk__in=links.filter(**{f"{column}__in": keys}).values("finding_id"))
    countries = Q()
    for code in keys:
        countries |= Q(countries__contains=code)
    return countries


def filter_findings(queryset: QuerySet, selection: Selection, *, leave_out: str = "") -> QuerySet:
    """`queryset` narrowed to the selection (OR within a facet, AND across facets), leaving
    out the facet `leave_out`."""
    for facet in FACETS:
        keys = sorted(selection.get(facet, ()))
        if keys and facet != leave_out:
            queryset = queryset.filter(_condition(queryset, facet, keys))
    if selection.get("contested") and leave_out != "contested":
        queryset = queryset.filter(contested_condition())
    return queryset


def contested_condition():
    """At least one published "found otherwise" reaction (``findings.reactions``)."""
    from .reactions.selectors import contested_condition as condition

    return condition()


def exclude_findings(queryset: QuerySet, facet: str, keys: Iterable[str]) -> QuerySet:
    """`queryset` without the findings having any of `keys` in `facet`."""
    return queryset.exclude(_condition(queryset, facet, sorted(keys)))


def count_values(queryset: QuerySet, facets: Iterable[str] = FACETS) -> Counts:
    """How many findings of `queryset` have each value of each of `facets`."""
    facets = tuple(facets)
    queryset = queryset.order_by()
    if is_postgresql(queryset):
        return _count_values_postgresql(queryset, facets)
    counts = _count_own_values(queryset, [f for f in facets if f in _OWN_FACETS])
    for facet in facets:
        if facet not in _OWN_FACETS:
            counts[facet] = _count_values_by_join(queryset, facet)
    return counts


#: The facets a finding's own row holds: counted together, in Python, from one query.
_OWN_FACETS = ("consortium", "country", "year", "kind")


def _count_own_values(queryset: QuerySet, facets: list[str]) -> Counts:
    counts: Counts = {facet: Counter() for facet in facets}
    if not facets:
        return counts
    for consortium_id, countries, published_at, kind in queryset.values_list(
        "consortium_id", "countries", "published_at", "kind"
    ):
        if "consortium" in counts:
            counts["consortium"][str(consortium_id)] += 1
        if "country" in counts:
            # A multiple CountryField is one "ES,FR" string per row.
            counts["country"].update(code for code in countries.split(",") if code)
        if "year" in counts and published_at is not None:
            counts["year"][str(timezone.localtime(published_at).year)] += 1
        if "kind" in counts and kind:
            counts["kind"][kind] += 1
    return counts


class _FacetTerms(Expression):
    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.facet_terms", []


def _count_values_postgresql(queryset: QuerySet, facets: tuple[str, ...]) -> Counts:
    rows = queryset.annotate(
        facet_terms_=_FacetTerms(output_field=ArrayField(TextField()))
    ).values_list("facet_terms_", "published_at")
    counts: Counts = {facet: Counter() for facet in facets}
    try:
        inner, params = rows.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. none(), or no ids at all
        return counts
    # One pass over the result: every stored term plus the year, grouped; only the wanted
    # facets are kept before grouping.
    sql = f"""
        SELECT term, count(*) FROM ({inner}) AS result (terms, published_at),
               unnest(result.terms || ('year:' || extract(year FROM result.published_at
                                                          AT TIME ZONE %s)::int)) AS term
         WHERE split_part(term, ':', 1) = ANY(%s)
         GROUP BY term
    """  # noqa: S608 (the inner query is Django's, parameters are bound)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*params, timezone.get_current_timezone_name(), list(facets)])
        for term, number in cursor.fetchall():
            facet, key = term.split(":", 1)
            counts[facet][key] = number
    return counts


def _count_values_by_join(queryset: QuerySet, facet: str) -> Counter:
    links, column = _JOINED[facet]
    rows = (
        links.filter(finding__in=queryset.values("pk"))
        .values_list(column)
        .annotate(n=Count("finding_id"))
        .order_by()
    )
    return Counter({str(key): number for key, number in rows if key is not None})


#: How far a time zone's new year lies from UTC's, at most (UTC+14 and UTC-12).
_NEW_YEAR_SPREAD = timedelta(hours=14)


def count_all_listed(using: str = "default") -> tuple[int, Counts] | None:
    """The listed findings' total and every facet value's count, unfiltered, from the table the
    triggers of migration 0009 keep: a few hundred rows, however many findings there are.

    None where there is no such table (SQLite counts with `count_values`)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    counts: Counts = {facet: Counter() for facet in FACETS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, findings FROM findings_facet_count WHERE findings > 0")
        for term, number in cursor.fetchall():
            facet, key = term.split(":", 1)
            if facet == "all":
                total = number
            elif facet in counts:
                counts[facet][key] = number
        _move_to_local_years(cursor, counts["year"])
    return total, counts


def _move_to_local_years(cursor, years: Counter) -> None:
    """The table counts years in UTC; move the findings published near a new year, where the
    site's year differs, to the site's year (one indexed range scan per new year)."""
    if not years:
        return
    first, last = min(map(int, years)), max(map(int, years))
    new_years = [datetime(year, 1, 1, tzinfo=UTC) for year in range(first, last + 2)]
    ranges = [(moment - _NEW_YEAR_SPREAD, moment + _NEW_YEAR_SPREAD) for moment in new_years]
    near = " OR ".join(["published_at BETWEEN %s AND %s"] * len(ranges))
    cursor.execute(
        f"SELECT published_at FROM findings_finding WHERE status = %s AND ({near})",  # noqa: S608
        [FindingStatus.PUBLISHED, *(moment for pair in ranges for moment in pair)],
    )
    zone = timezone.get_current_timezone()
    for (published_at,) in cursor.fetchall():
        utc_year, local_year = published_at.year, published_at.astimezone(zone).year
        if utc_year != local_year:
            years[str(utc_year)] -= 1
            years[str(local_year)] += 1
