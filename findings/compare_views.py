"""Compare across consortia: the matrix page (and its CSV), and one value side by side.

Thin views: the address names the axes (``?rows=theme&cols=consortium``) and narrows the
findings with the findings list's own facet filters (``?sdg=3``); findings.compare counts.
"""

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries import countries

from . import compare
from .exports import spreadsheet_safe
from .facets import FACETS, FLAGS
from .filters import FacetFilterSet
from .models import Finding

AXIS_PARAMETERS = ("rows", "cols")


def _facet_filters(params) -> FacetFilterSet:
    return FacetFilterSet(params or None, queryset=Finding.objects.published())


def _refused(request, message: str, *, filterset=None):
    """The page with its axis chooser and what is wrong, answered 400 (never a 500)."""
    return render(
        request,
        "findings/compare.html",
        {
            "error": message,
            "filter_errors": filterset.errors if filterset is not None else {},
            "row_axes": compare.row_axes(),
            "column_axes": compare.column_axes(),
            "rows": request.GET.get("rows", ""),
            "cols": request.GET.get("cols", ""),
        },
        status=400,
    )


def _kept_filters(params, *, leave_out: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name in (*FACETS, *FLAGS)
        if name not in leave_out
        for value in params.getlist(name)
        if value != ""
    ]


def _without_flag(base: list[tuple[str, str]], flag: str) -> list[tuple[str, str]]:
    return [(name, value) for name, value in base if name != flag]


def _link(base: list[tuple[str, str]], *pairs: tuple[str, str]) -> str:
    return f"{reverse('findings:finding_list')}?{urlencode([*base, *pairs])}"


class _Links:
    """``_link`` for the many cells of one table (up to 800): the findings list's address
    and the filters kept are encoded once, each cell adds its own encoded pairs: the same
    address as ``_link(base, *pairs)``."""

    def __init__(self, base: list[tuple[str, str]]):
        self.address = reverse("findings:finding_list")
        self.base = urlencode(base)

    def __call__(self, *encoded_pairs: str) -> str:
        return f"{self.address}?{'&'.join(part for part in (self.base, *encoded_pairs) if part)}"


@require_GET
def compare_matrix(request, file_format: str = "html"):
    """Published findings by two axes (``rows`` and ``cols``), narrowed by facet filters."""
    try:
        rows, cols = compare.choose_axes(request.GET.get("rows"), request.GET.get("cols"))
    except compare.AxisError as error:
        if file_format == "csv":
            return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")
        return _refused(request, str(error))
    filterset = _facet_filters(request.GET)
    if filterset.is_bound and not filterset.is_valid():
        message = _("Some filters in the address are not valid.")
        if file_format == "csv":
            lines = [message, *(f"{f}: {' '.join(m)}" for f, m in filterset.errors.items())]
            return HttpResponse(
                "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
            )
        return _refused(request, message, filterset=filterset)
    # The counts are cached per axes and selection (findings.compare.matrix_counts).
    matrix = compare.compare_matrix(rows, cols, selection=filterset.selection)
    if file_format == "csv":
        return _csv(matrix)
    base = _kept_filters(request.GET, leave_out=(rows.facet, cols.facet))
    links = _Links(base)
    contested_links = _Links(_without_flag(base, "contested"))
    contested = urlencode([("contested", "1")])
    row_pairs = {row.key: urlencode([(rows.facet, row.param)]) for row in matrix.row_values}
    col_pairs = {col.key: urlencode([(cols.facet, col.param)]) for col in matrix.col_values}
    table = [
        {
            "value": row,
            "link": links(row_pairs[row.key]),
            "total": total,
            "cells": [
                {
                    "value": col,
                    "cell": cell,
                    "link": links(row_pairs[row.key], col_pairs[col.key]),
                    # Only a contested cell links to its contested findings.
                    "contested_link": contested_links(
                        row_pairs[row.key], col_pairs[col.key], contested
                    )
                    if cell.contested
                    else "",
                }
                for col, cell in cells
            ],
        }
        for row, cells, total in matrix.table
    ]
    column_totals = [
        {"value": col, "total": number, "link": links(col_pairs[col.key])}
        for col, number in matrix.column_totals
    ]
    narrowed = _kept_filters(request.GET, leave_out=())
    return render(
        request,
        "findings/compare.html",
        {
            "matrix": matrix,
            "table": table,
            "column_totals": column_totals,
            "all_link": _link(narrowed),
            "narrowed": narrowed,
            "active_filters": _filter_labels(filterset),
            "row_axes": compare.row_axes(),
            "column_axes": compare.column_axes(),
            "rows": rows.name,
            "cols": cols.name,
            "csv_query": urlencode([("rows", rows.name), ("cols", cols.name), *narrowed]),
            "titles_per_cell": compare.TITLES_PER_CELL,
        },
    )


def _filter_labels(filterset: FacetFilterSet) -> list[str]:
    """The narrowing filters in force, named (the filter set has read their objects)."""
    cleaned = getattr(filterset.form, "cleaned_data", {}) if filterset.is_bound else {}
    labels = [
        str(countries.name(value))
        if facet == "country"
        else _facet_value_label(filterset, facet, value)
        for facet in FACETS
        for value in cleaned.get(facet) or ()
    ]
    if cleaned.get("contested"):
        labels.append(_("Contested findings only"))
    return labels


def _facet_value_label(filterset: FacetFilterSet, facet: str, value) -> str:
    """A model's name, or a fixed vocabulary's label (kind, level, evidence)."""
    choices = getattr(filterset.filters[facet].field, "choices", None)
    if choices and not hasattr(value, "pk"):
        return str(dict(choices).get(value, value))
    return str(value)


def _csv(matrix: compare.Matrix) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    for line in compare.matrix_csv_rows(matrix):
        writer.writerow([spreadsheet_safe(value) for value in line])
    name = f"findings-{matrix.rows.name}-by-{matrix.cols.name}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def compare_side_by_side(request, axis: str, value: str):
    """What each consortium found on one value of an axis (a theme, an SDG …), side by
    side; the findings list has the rest."""
    chosen = compare.AXES.get(axis)
    if chosen is None or not chosen.side_by_side:
        raise Http404("No such axis to compare on.")
    filterset = _facet_filters({chosen.facet: [value]})
    if not filterset.is_valid() or not filterset.selection.get(chosen.facet):
        raise Http404("No such value to compare on.")
    (key,) = filterset.selection[chosen.facet]
    named = chosen.values({key})
    if not named:
        raise Http404("No such value to compare on.")
    return render(
        request,
        "findings/compare_side_by_side.html",
        {
            "axis": chosen,
            "value": named[0],
            "groups": compare.side_by_side(chosen, key),
            "list_link": _link([(chosen.facet, named[0].param)]),
            "matrix_link": reverse("findings:compare")
            + "?"
            + urlencode([("rows", chosen.name), ("cols", "consortium"), (chosen.facet, value)]),
        },
    )
