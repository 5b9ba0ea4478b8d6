"""Free-text search over findings, shared by the public pages and the API.

On PostgreSQL: the stored, weighted `search_vector` (title A > summary B > body C, kept current
by a trigger, GIN-indexed), `websearch_to_tsquery` (so "quoted phrases" and -exclusions work),
`ts_rank` and `ts_headline`. The vector holds the original text and every translation, each
stemmed by its own language's config (migration 0013); a query is parsed with the reader's
language's config, or'ed with the other languages' so a finding is found by the words of any
of its translations. On other databases: every word or quoted phrase must appear in the
title, summary or body in some language, ranked by where it appears, with a snippet cut in
Python.

Either way a search lists its best `SEARCH_RESULTS_CAP` matches: ranking, counting and facets
stay bounded however broad it is.
"""

import hashlib
import re
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, NullIf, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from plp_portal.content_changes import cached
from plp_portal.content_language import LANGUAGE_CODES, active_language

#: Each language's text search config: the trigger of migration 0013 indexes each
#: translation with its own, the title index (_TitleMatches) too.
SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
# Private-use characters mark highlights, so the text can be escaped before <mark> is added.
_START, _STOP = "\ue000", "\ue001"
_TERM = re.compile(r'"([^"]+)"|(\S+)')
_MARKDOWN_NOISE = re.compile(r"(\*\*|__|`|^#+\s*|^>\s*)", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SNIPPET_LENGTH = 220
#: Longer queries are refused with a message: a few words find more, and cost less.
SEARCH_MAX_LENGTH = 200
#: A search lists its best matches up to this many, and counts exactly up to it ("1,000+"
#: beyond, as the big catalogues do): ranking and counting 60,000 matches cost 0.5 s each.
SEARCH_RESULTS_CAP = 1_000
#: What a search's ranked matches depend on (plp_portal.content_changes).
SEARCH_CACHE_TAGS = ("findings.finding",)


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
    """`queryset` narrowed to every finding matching `query`, unranked and unordered. An empty
    query returns `queryset` unchanged. Unbounded: lists use `search_findings`."""
    query = (query or "").strip()
    if not query:
        return queryset
    if _is_postgresql(queryset):
        return queryset.filter(search_vector=_search_query(query))
    for term in search_terms(query):
        anywhere = Q()
        for column in _TEXT_COLUMNS:
            anywhere |= Q(**{f"{column}__icontains": term})
        queryset = queryset.filter(anywhere)
    return queryset


def _in_any_language(field: str, term: str) -> Q:
    """`field`'s original text or one of its translations holds `term`."""
    anywhere = Q(**{f"{field}__icontains": term})
    for code in LANGUAGE_CODES:
        anywhere |= Q(**{f"{field}_{code}__icontains": term})
    return anywhere


# The original text and every translation (plp_portal.content_language).
_TEXT_COLUMNS = [
    f"{field}{suffix}"
    for field in ("title", "summary", "body")
    for suffix in ("", *(f"_{code}" for code in LANGUAGE_CODES))
]


@dataclass(frozen=True)
class RankedMatches:
    """The best matches of a search, at most `SEARCH_RESULTS_CAP`, best first."""

    ids: list[int]
    more: bool  # more findings match than are listed: the count reads "1,000+"


def search_findings(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` narrowed to its best matches for `query` (`ranked_matches`), best first.

    An empty query returns `queryset` unchanged. Whatever the number of matches, the result
    holds at most `SEARCH_RESULTS_CAP` findings, so counting, ordering and paging it cost
    what they cost for a narrow search.
    """
    query = (query or "").strip()
    if not query:
        return queryset
    ids = ranked_matches(queryset, query).ids
    if _is_postgresql(queryset):
        position = Func(
            Value(ids, output_field=ArrayField(BigIntegerField())),
            F("pk"),
            function="array_position",
            output_field=IntegerField(),
        )
        among = _IdAmong(ids)
    else:
        position = Case(
            *(When(pk=pk, then=Value(place)) for place, pk in enumerate(ids)),
            output_field=IntegerField(),
        )
        among = Q(pk__in=ids)
    ranked = queryset.filter(among).order_by(position)
    ranked.ranked_ids = ids  # a paginator pages these, rather than sorting by array position
    return ranked


def ranked_matches(queryset: QuerySet, query: str) -> RankedMatches:
    """The best `SEARCH_RESULTS_CAP` findings of `queryset` matching `query`, best first:
    those with the query as a phrase in their title, then those with every word in their
    title (newest first), then the others by `ts_rank` (title > summary > body).

    Bounded on PostgreSQL: two indexed queries of at most `SEARCH_RESULTS_CAP` + 1 rows each
    (the title matches through the title's word index; the newest matches anywhere, which
    also count the matches exactly up to the cap), ranked in Python; a broad search costs
    what a narrow one does. Cached until a finding changes.
    """
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:
        return RankedMatches(ids=[], more=False)
    key = (queryset.db, sql, params, query, active_language())
    key = hashlib.blake2s(repr(key).encode(), digest_size=16)
    return cached(
        f"finding-search:{key.hexdigest()}",
        SEARCH_CACHE_TAGS,
        lambda: _ranked_matches(queryset.order_by(), query),
    )


def _ranked_matches(queryset: QuerySet, query: str) -> RankedMatches:
    cap = SEARCH_RESULTS_CAP
    if not _is_postgresql(queryset):
        return _ranked_matches_by_words(queryset, query)
    matching = search_matching(queryset, query)
    title_matches = list(
        matching.filter(_TitleMatches(query, "websearch_to_tsquery"))
        .order_by("-published_at", "title")
        .values_list("pk", _TitleMatches(query, "phraseto_tsquery"))[:cap]
    )
    newest = list(
        matching.order_by("-published_at", "title")
        .annotate(rank=SearchRank(F("search_vector"), _search_query(query)))
        .values_list("pk", "rank")[: cap + 1]
    )
    in_title = [pk for pk, phrase in title_matches if phrase]
    in_title += [pk for pk, phrase in title_matches if not phrase]
    listed = set(in_title)
    others = sorted((row for row in newest[:cap] if row[0] not in listed), key=lambda row: -row[1])
    ids = (in_title + [pk for pk, _rank in others])[:cap]
    return RankedMatches(ids=ids, more=len(newest) > cap)


def _ranked_matches_by_words(queryset: QuerySet, query: str) -> RankedMatches:
    """Elsewhere (SQLite, small data): every match is scored by where its words appear."""
    terms = search_terms(query)
    if not terms:
        return RankedMatches(ids=[], more=False)
    score = Case(
        When(_in_any_language("title", " ".join(terms)), then=Value(100)), default=Value(0)
    )
    for term in terms:
        score = score + _where_weight(term)
    rows = (
        search_matching(queryset, query)
        .annotate(search_score=score)
        .order_by("-search_score", "-published_at", "title")
        .values_list("pk", flat=True)[: SEARCH_RESULTS_CAP + 1]
    )
    ids = list(rows)
    return RankedMatches(ids=ids[:SEARCH_RESULTS_CAP], more=len(ids) > SEARCH_RESULTS_CAP)


class _IdAmong(Expression):
    """The row's id is one of `ids`, as one array parameter: building and planning a
    1,000-value IN list costs more than the query it filters."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, ids: list[int]):
        super().__init__()
        self.ids = list(ids)

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.{connection.ops.quote_name('id')} = ANY(%s::bigint[])", [self.ids]


class _TitleMatches(Expression):
    """The title, in any language, holds the query (`websearch_to_tsquery`) or its words as a
    phrase (`phraseto_tsquery`): through the index `finding_title_words_gin` (migration
    0013), whose expression `_TITLE_WORDS` repeats exactly."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, query: str, parser: str):
        super().__init__()
        self.query, self.parser = query, parser

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        configs = _configs_for_reader()
        parsed = " || ".join(f"{self.parser}('{config}'::regconfig, %s)" for config in configs)
        return f"({_TITLE_WORDS.format(t=alias)}) @@ ({parsed})", [self.query] * len(configs)


_TITLE_WORDS = (
    "to_tsvector(CASE {t}.language WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END, {t}.title) "
    "|| to_tsvector('english'::regconfig, coalesce({t}.title_en, '')) "
    "|| to_tsvector('french'::regconfig, coalesce({t}.title_fr, '')) "
    "|| to_tsvector('spanish'::regconfig, coalesce({t}.title_es, ''))"
)


def _configs_for_reader() -> list[str]:
    """The reader's language's config first, then the others'."""
    reader = SEARCH_CONFIGS.get(active_language(), SEARCH_CONFIGS["en"])
    return [reader, *(config for config in SEARCH_CONFIGS.values() if config != reader)]


def _search_query(query: str) -> SearchQuery:
    """`query` parsed with the reader's language's stemming, or'ed with the other languages'
    (a French word typed on the English site still finds the French translation)."""
    parsed = [SearchQuery(query, config=c, search_type="websearch") for c in _configs_for_reader()]
    combined = parsed[0]
    for other in parsed[1:]:
        combined = combined | other
    return combined


def _where_weight(term: str) -> Case:
    return Case(
        When(_in_any_language("title", term), then=Value(4)),
        When(_in_any_language("summary", term), then=Value(2)),
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
        ids = [finding.pk for finding in findings]
        # ts_headline re-reads every body it cuts: a page of long findings costs ~10 ms, so a
        # search read again (a newsletter's link) reuses the page's headlines until a change.
        key = repr((using, query, ids, active_language()))
        key = hashlib.blake2s(key.encode(), digest_size=16).hexdigest()
        headlines = cached(
            f"finding-headlines:{key}",
            SEARCH_CACHE_TAGS,
            lambda: _headlines(model, using, ids, query),
        )
    for finding in findings:
        if finding.pk in headlines:
            finding.search_headline = headlines[finding.pk]
        finding.snippet = snippet_html(finding, query)


def _headlines(model, using: str, ids: list[int], query: str) -> dict[int, str]:
    """`ts_headline` of each finding of `ids` (summary and body, in the reader's language or
    the original), widened to whole words (`_whole_words`), by id: one query, which reads the
    texts it cut them from as well."""
    language = active_language()
    text = Concat(
        _in_reader_language("summary", language),
        Value(" "),
        _in_reader_language("body", language),
        output_field=TextField(),
    )
    rows = (
        model._default_manager.using(using)
        .filter(pk__in=ids)
        .annotate(
            headline_source=text,
            search_headline=SearchHeadline(
                _without_markers(text),
                _search_query(query),
                config=SEARCH_CONFIGS.get(language, SEARCH_CONFIGS["en"]),
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
            ),
        )
        .values_list("pk", "search_headline", "headline_source")
    )
    return {
        pk: _whole_words(_plain(headline), _plain(_without_marks(source)))
        for pk, headline, source in rows
    }


def _without_marks(text: str) -> str:
    return text.replace(_START, "").replace(_STOP, "")


def _in_reader_language(field: str, language: str):
    """The field's translation in `language`, or the original text (as the page shows it)."""
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), F(field), output_field=TextField())


def snippet_html(finding, query: str) -> SafeString:
    """A short excerpt of the finding around the query, matches wrapped in <mark>, escaped."""
    headline = getattr(finding, "search_headline", None)
    if headline is None:
        text = f"{finding.summary} {finding.body}".replace(_START, "").replace(_STOP, "")
        headline = _python_headline(text, search_terms(query))
    text = escape(_plain(headline))
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _without_markers(expression):
    # A member's text may hold the private-use characters that mark highlights: removed before
    # highlighting, they can never become <mark> tags of their own.
    for marker in (_START, _STOP):
        expression = Replace(expression, Value(marker), Value(""))
    return expression


def _plain(text: str) -> str:
    text = _MARKDOWN_LINK.sub(r"\1", text)
    return " ".join(_MARKDOWN_NOISE.sub("", text).split())


def _python_headline(text: str, terms: list[str]) -> str:
    text = _plain(text)
    if not terms:
        if len(text) <= SNIPPET_LENGTH:
            return text
        excerpt = text[:SNIPPET_LENGTH]
        return f"{excerpt[: excerpt.rindex(' ')] if ' ' in excerpt else excerpt} …"
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


def _whole_words(headline: str, source: str) -> str:
    """`ts_headline`'s excerpt widened to whole words, with "…" where it cuts the text.

    PostgreSQL's parser splits "socio-economic" or "COVID-19" into parts, and an excerpt may
    start or end at one of them: the rest of the word (or its punctuation) is added back."""
    plain = headline.replace(_START, "").replace(_STOP, "")
    at = source.find(plain) if plain else -1
    if at < 0:
        return headline
    end = at + len(plain)
    word_start = at
    while word_start > 0 and not source[word_start - 1].isspace():
        word_start -= 1
    word_end = end
    while word_end < len(source) and not source[word_end].isspace():
        word_end += 1
    headline = f"{source[word_start:at]}{headline}{source[end:word_end]}"
    prefix = "… " if word_start > 0 else ""
    suffix = " …" if word_end < len(source) else ""
    return f"{prefix}{headline}{suffix}"
