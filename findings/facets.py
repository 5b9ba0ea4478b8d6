"""The findings' facets: filtering by several values at once, and counting every value.

Semantics, as the big catalogues have them: values of one facet combine with OR, facets with
AND (`?theme=a&theme=b&sdg=3` is "theme a or b, and SDG 3").

On PostgreSQL every finding carries its facet values in `facet_terms` ("theme:12", "sdg:3",
"country:ES", "consortium:7"; kept by triggers, GIN-indexed, migration 0007): a facet filter
is an indexed `&&`, and one scan with `unnest` counts all facets of a result at once. Years
come from `published_at` in the site's time zone. Elsewhere (SQLite, the embedded default)
the same filters are joins and the counts one grouped query per facet; the results are the
same.
"""

from collections import Counter
from collections.abc import Iterable, Mapping

from django.contrib.postgres.fields import ArrayField
from django.db import connections
from django.db.models import BooleanField, Count, Expression, Q, QuerySet, TextField
from django.db.models.functions import ExtractYear
from django.utils import timezone

from .models import Finding

FACETS = ("theme", "sdg", "consortium", "country", "year")
#: The facets stored in `facet_terms` and filtered through it on PostgreSQL.
TERM_FACETS = ("theme", "sdg", "country")

#: Per facet, the selected values as keys: theme and consortium ids, SDG numbers, country
#: codes and years, all as strings.
Selection = Mapping[str, Iterable[str]]
#: Per facet, per key, a number of findings.
Counts = dict[str, Counter]

ThemeLink = Finding.themes.through
SDGLink = Finding.sdgs.through


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
    if facet == "theme":
        return Q(pk__in=ThemeLink.objects.filter(theme_id__in=keys).values("finding_id"))
    if facet == "sdg":
        return Q(pk__in=SDGLink.objects.filter(sdg_id__in=keys).values("finding_id"))
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
    return queryset


def exclude_findings(queryset: QuerySet, facet: str, keys: Iterable[str]) -> QuerySet:
    """`queryset` without the findings having any of `keys` in `facet`."""
    return queryset.exclude(_condition(queryset, facet, sorted(keys)))


def count_values(queryset: QuerySet, facets: Iterable[str] = FACETS) -> Counts:
    """How many findings of `queryset` have each value of each of `facets`."""
    facets = tuple(facets)
    queryset = queryset.order_by()
    if is_postgresql(queryset):
        return _count_values_postgresql(queryset, facets)
    return {facet: _count_values_by_join(queryset, facet) for facet in facets}


class _FacetTerms(Expression):
    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.facet_terms", []


def _count_values_postgresql(queryset: QuerySet, facets: tuple[str, ...]) -> Counts:
    rows = queryset.annotate(
        facet_terms_=_FacetTerms(output_field=ArrayField(TextField()))
    ).values_list("facet_terms_", "published_at")
    inner, params = rows.query.get_compiler(queryset.db).as_sql()
    # One pass over the result: every stored term plus the year, grouped; only the wanted
    # facets are kept before grouping.
    sql = f"""
        SELECT term, count(*) FROM ({inner}) AS result (terms, published_at),
               unnest(result.terms || ('year:' || extract(year FROM result.published_at
                                                          AT TIME ZONE %s)::int)) AS term
         WHERE split_part(term, ':', 1) = ANY(%s)
         GROUP BY term
    """  # noqa: S608 (the inner query is Django's, parameters are bound)
    counts: Counts = {facet: Counter() for facet in facets}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*params, timezone.get_current_timezone_name(), list(facets)])
        for term, number in cursor.fetchall():
            facet, key = term.split(":", 1)
            counts[facet][key] = number
    return counts


def _count_values_by_join(queryset: QuerySet, facet: str) -> Counter:
    if facet == "theme":
        links = ThemeLink.objects.filter(finding__in=queryset.values("pk"))
        rows = links.values_list("theme_id").annotate(n=Count("finding_id")).order_by()
    elif facet == "sdg":
        links = SDGLink.objects.filter(finding__in=queryset.values("pk"))
        rows = links.values_list("sdg_id").annotate(n=Count("finding_id")).order_by()
    elif facet == "consortium":
        rows = queryset.values_list("consortium_id").annotate(n=Count("pk")).order_by()
    elif facet == "year":
        rows = (
            queryset.annotate(year=ExtractYear("published_at"))
            .values_list("year")
            .annotate(n=Count("pk"))
            .order_by()
        )
    else:
        # A multiple CountryField is one "ES,FR" string per row: count in Python.
        return Counter(
            code
            for value in queryset.values_list("countries", flat=True)
            for code in value.split(",")
            if code
        )
    return Counter({str(key): number for key, number in rows if key is not None})
