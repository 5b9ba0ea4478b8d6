"""Every cached route names every kind of content it reads, and every route decides.

A page served from the cache is fresh only if each table it read is covered by one of the tags
it declared: these tests render each cacheable page, collect the content tables its queries
touch, and compare them with the declaration.
"""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver, resolve, reverse

from plp_portal.content_signals import is_content, kind_tag
from plp_portal.page_tags import declaration_of
from tests.public.conftest import build_programme

# Routes that are deliberately not cached: members' and curators' pages, plumbing that must be
# live, downloads streamed from storage, and the API's self-description.
NOT_CACHED = {
    "health",
    "readiness",
    "findings:attachment_download",
    "findings:output_file_download",
    "findings:finding_export_csv",
    "findings:finding_export_jsonl",
    "open_data",
    "open_data_dump",
    "oai",
    "api:schema",
    "api:docs",
    "api:redoc",
    "api:token-list",
    "api:token-detail",
    "api:finding-reviews",
    "api:finding-submit",
    "api:finding-request-changes",
    "api:finding-publish",
    "api:finding-reject",
    "api:finding-withdraw",
    "api:finding-approve",
    "api:finding-send-back",
    "api:finding-release",
    *(
        f"api:output-{step}"
        for step in ("submit", "approve", "send-back", "request-changes", "publish", "reject")
    ),
    "api:output-withdraw",
}
NOT_CACHED_NAMESPACES = {"admin", "members"}
NOT_CACHED_PREFIXES = ("accounts/", "me/", "admin/")


def public_urls(world) -> list[str]:
    finding = world["findings"][0]
    consortium = world["consortia"][0]
    event = world["event"]
    theme = world["themes"][0]
    return [
        "/robots.txt",
        "/sitemap.xml",
        reverse("events:home"),
        reverse("events:event_list"),
        reverse("events:events_calendar"),
        event.get_absolute_url(),
        reverse("events:event_calendar", args=[event.slug]),
        reverse("findings:compare"),
        reverse("findings:compare") + "?rows=theme&cols=country&contested=1",
        reverse("findings:compare_csv") + "?rows=sdg_target&cols=level",
        reverse("findings:compare_side_by_side", args=["theme", theme.slug]),
        reverse("events:event_report", args=[event.slug]),
        reverse("events:event_report_markdown", args=[event.slug]),
        reverse("events:event_report_pdf", args=[event.slug]),
        reverse("consortia:consortium_list"),
        consortium.get_absolute_url(),
        world["organisation"].get_absolute_url(),
        world["person"].get_absolute_url(),
        world["moderator"].get_absolute_url(),
        reverse("findings:theme_list"),
        theme.get_absolute_url(),
        reverse("findings:sdg_detail", args=[8]),
        reverse("findings:finding_list"),
        reverse("findings:finding_list") + "?q=Finding",
        reverse("findings:finding_feed"),
        finding.get_absolute_url(),
        reverse("findings:finding_trail", args=[finding.slug]),
        reverse("findings:finding_list") + "?contested=1",
        reverse("findings:finding_cite_bibtex", args=[finding.slug]),
        reverse("findings:finding_cite_ris", args=[finding.slug]),
        reverse("findings:finding_cite_csl", args=[finding.slug]),
        "/api/v1/consortia/",
        f"/api/v1/consortia/{consortium.slug}/",
        "/api/v1/organisations/",
        f"/api/v1/organisations/{world['organisation'].slug}/",
        "/api/v1/people/",
        f"/api/v1/people/{world['person'].slug}/",
        "/api/v1/events/",
        f"/api/v1/events/{event.slug}/",
        "/api/v1/themes/",
        f"/api/v1/themes/{theme.slug}/",
        "/api/v1/sdgs/",
        "/api/v1/sdgs/8/",
        "/api/v1/findings/",
        f"/api/v1/findings/{finding.slug}/",
        f"/api/v1/findings/{finding.slug}/reactions/",
    ]


def content_tables() -> dict[str, str]:
    """Each content model's table, and its many-to-many tables, to the model's kind tag."""
    tables = {}
    for model in apps.get_models():
        if not is_content(model) or model._meta.proxy:
            continue
        tables[model._meta.db_table] = kind_tag(model)
        for field in model._meta.local_many_to_many:
            # A link row changes both sides (content_signals); either kind covers it.
            tables[field.remote_field.through._meta.db_table] = kind_tag(model)
    return tables


def kinds_read(queries) -> set[str]:
    tables = content_tables()
    named = {name for query in queries for name in re.findall(r'"(\w+)"', query["sql"])}
    return {tables[name] for name in named if name in tables}


@pytest.mark.django_db
def test_every_cached_page_declares_every_kind_of_content_it_reads(client):
    world = build_programme(2)
    missing = {}
    for url in public_urls(world):
        declaration = declaration_of(resolve(url.split("?")[0]).func)
        assert declaration is not None, f"{url} is not cacheable"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        undeclared = kinds_read(queries.captured_queries) - declaration.tags
        if undeclared:
            missing[url] = sorted(undeclared)
    assert missing == {}, repr(missing)


def routes(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
            # The language prefix (/en/) stands before every page: the rules are the same.
            own = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
            yield from routes(pattern, prefix + own, inner.strip(":"))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern.callback


def test_every_route_is_cached_or_listed_as_not_cached():
    undecided = []
    for route, name, view in routes():
        if route.startswith(NOT_CACHED_PREFIXES) or name in NOT_CACHED:
            continue
        if name and name.split(":")[0] in NOT_CACHED_NAMESPACES:
            continue
        if name is None and route.startswith("api/"):
            continue  # the API's JSON 404 for unknown addresses, and the router's format routes
        if declaration_of(view) is None:
            undecided.append((route, name))
    assert undecided == []
