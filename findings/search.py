"""Free-text search over findings, shared by the public pages and the API.

On PostgreSQL: the stored, weighted `search_vector` (title A > summary B > body C, kept current
by a trigger, GIN-indexed), `websearch_to_tsquery` (so "quoted phrases" and -exclusions work),
`ts_rank` and `ts_headline`. On other databases: every word or quoted phrase must appear in the
title, summary or body, ranked by where it appears, with a snippet cut in Python.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SEARCH_CONFIG = "english"  # the same config as the trigger in migration 0004
# Private-use characters mark highlights, so the text can be escaped before <mark> is added.
_START, _STOP = "\ue000", "\ue001"
_TERM = re.compile(r'"([^"]+)"|(\S+)')
_MARKDOWN_NOISE = re.compile(r"(\*\*|__|`|^#+\s*|^>\s*)", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SNIPPET_LENGTH = 220


def _is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a query, without a leading minus."""
    terms = []
    for phrase, word in _TERM.findall(query):
        term = (phrase or word).strip().lstrip("-").strip('"')
        if term:
            terms.append(term)
    return terms


def search_findings(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow `queryset` to findings matching `query`, best matches first.

    Annotates `search_rank` (higher is better). An empty query returns `queryset` unchanged.
    """
    query = (query or "").strip()
    if not query:
        return queryset
    if _is_postgresql(queryset):
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.filter(search_vector=search_query)
            .annotate(search_rank=SearchRank(F("search_vector"), search_query))
            .order_by("-search_rank", "-published_at", "title")
        )
    terms = search_terms(query)
    if not terms:
        return queryset
    score = Value(0)
    for term in terms:
        queryset = queryset.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
        score = score + _where_weight(term)
    return queryset.annotate(search_rank=score).order_by("-search_rank", "-published_at", "title")


def _where_weight(term: str) -> Case:
    return Case(
        When(title__icontains=term, then=Value(4)),
        When(summary__icontains=term, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def with_search_headlines(queryset: QuerySet, query: str) -> QuerySet:
    """Annotate `search_headline` (PostgreSQL's ts_headline over summary and body).

    Only PostgreSQL computes it in the database; `snippet_html` cuts one in Python elsewhere.
    """
    query = (query or "").strip()
    if not query or not _is_postgresql(queryset):
        return queryset
    return queryset.annotate(
        search_headline=SearchHeadline(
            Concat("summary", Value(" "), "body", output_field=TextField()),
            SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch"),
            config=SEARCH_CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=35,
            min_words=15,
        )
    )


def snippet_html(finding, query: str) -> SafeString:
    """A short excerpt of the finding around the query, matches wrapped in <mark>, escaped."""
    headline = getattr(finding, "search_headline", None)
    if headline is None:
        headline = _python_headline(f"{finding.summary} {finding.body}", search_terms(query))
    text = escape(_plain(headline))
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _plain(text: str) -> str:
    text = _MARKDOWN_LINK.sub(r"\1", text)
    return " ".join(_MARKDOWN_NOISE.sub("", text).split())


def _python_headline(text: str, terms: list[str]) -> str:
    text = _plain(text)
    if not terms:
        return text[:SNIPPET_LENGTH]
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - 60)
    # Start at a word boundary so the excerpt doesn't open mid-word.
    if start:
        start = text.find(" ", start) + 1
    excerpt = text[start : start + SNIPPET_LENGTH]
    excerpt = pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", excerpt)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    return f"{prefix}{excerpt}{suffix}"
