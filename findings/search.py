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
#: Longer queries are refused with a message: a few words find more, and cost less.
SEARCH_MAX_LENGTH = 200


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


def search_matching(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` narrowed to the findings matching `query`, unranked and unordered (for
    counting). An empty query returns `queryset` unchanged."""
    query = (query or "").strip()
    if not query:
        return queryset
    if _is_postgresql(queryset):
        return queryset.filter(search_vector=_search_query(query))
    for term in search_terms(query):
        queryset = queryset.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
    return queryset


def search_findings(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow `queryset` to findings matching `query`, best matches first.

    Annotates `search_rank` (higher is better). An empty query returns `queryset` unchanged.
    The rank is computed for every match (ordering needs it) but reads only the stored
    vector; snippets are cut for the rows shown only (`add_snippets`).
    """
    query = (query or "").strip()
    if not query:
        return queryset
    matching = search_matching(queryset, query)
    if _is_postgresql(queryset):
        rank = SearchRank(F("search_vector"), _search_query(query))
        return matching.annotate(search_rank=rank).order_by(
            "-search_rank", "-published_at", "title"
        )
    if not search_terms(query):
        return queryset
    score = Value(0)
    for term in search_terms(query):
        score = score + _where_weight(term)
    return matching.annotate(search_rank=score).order_by("-search_rank", "-published_at", "title")


def _search_query(query: str) -> SearchQuery:
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _where_weight(term: str) -> Case:
    return Case(
        When(title__icontains=term, then=Value(4)),
        When(summary__icontains=term, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def add_snippets(findings: list, query: str) -> None:
    """Set `snippet` (`snippet_html`) on each of `findings`: the rows of one page.

    On PostgreSQL one query computes `ts_headline` for these rows only, never for every match.
    """
    query = (query or "").strip()
    if not query or not findings:
        return
    headlines = {}
    model, using = type(findings[0]), findings[0]._state.db
    if connections[using].vendor == "postgresql":
        headlines = dict(
            model._default_manager.using(using)
            .filter(pk__in=[finding.pk for finding in findings])
            .annotate(
                search_headline=SearchHeadline(
                    Concat("summary", Value(" "), "body", output_field=TextField()),
                    _search_query(query),
                    config=SEARCH_CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=35,
                    min_words=15,
                )
            )
            .values_list("pk", "search_headline")
        )
    for finding in findings:
        if finding.pk in headlines:
            finding.search_headline = headlines[finding.pk]
        finding.snippet = snippet_html(finding, query)


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
    end = start + len(excerpt)
    if end < len(text) and not text[end].isspace() and " " in excerpt:
        # End at a word boundary too: drop the word the cut would halve.
        excerpt = excerpt[: excerpt.rindex(" ")]
        end = start + len(excerpt)
    excerpt = pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", excerpt)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{excerpt}{suffix}"
