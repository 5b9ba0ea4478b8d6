"""Garbage posted to any admin or members' page answers a page, a message or a 4xx: never a
500, and never half a write.

The endpoints are found, not listed: every URL pattern of the admin site and of each
registered ``ModelAdmin`` (``admin.site._registry``, each one's ``get_urls()``), and every
pattern the root URLconf serves under /en/me/ (the members' workplace, API tokens) and
/en/accounts/. Each is given real object ids (the demo programme, plus a coordinator's draft
with an attachment and an API token); a pattern whose arguments this module cannot fill
fails the test, naming it: teach ``argument_for`` about it.

Each endpoint is read first, and the names of its form's fields are posted back with
garbage: nothing, non-numbers, NUL bytes, huge strings, several values where one is
expected, and the page's own values with every number made garbage or too large; on a
changelist, each of its actions on every row. Each request runs in a savepoint rolled back
afterwards, so every one starts from the same database. A response that is not a redirect
must leave every table's row count as it was.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from consortia.enums import AccessRole
from consortia.erasure import ErasureRequest
from consortia.models import Consortium
from consortia.tokens import api_token_create
from findings import services
from findings.models import Finding, Reaction
from tests.factories import ConsortiumAccessFactory, FindingFactory, UserFactory
from tests.members.test_attachments import PDF, upload
from tests.two_factor import force_login_confirmed

NOT_A_NUMBER = "not-a-number"
HUGE = "9" * 5000
NUL = "nul\x00byte"
TOO_LARGE = "99999999999999999999999999"
# Posted to every endpoint besides its own fields: names the code might read by hand.
USUAL_NAMES = ["id", "pk", "version", "expected_version", "decision", "comment", "action"]
# Names whose values confirm a step (Django's delete pages, our decision pages).
CONFIRMING_NAMES = {"post": "yes", "apply": "yes"}
FORMSET_COUNT = re.compile(r"-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")
# In English: the pages are the same in every language.
MEMBER_PREFIXES = ("en/me/", "en/accounts/")
REDIRECTS = {301, 302, 303}


# ---------------------------------------------------------------- finding the endpoints


@dataclass(frozen=True)
class Endpoint:
    route: str  # as the resolver joins it, e.g. "admin/findings/finding/<path:object_id>/"
    pattern: URLPattern
    model: type | None  # the ModelAdmin's model, for admin patterns


def _join(prefix: str, route: str) -> str:
    # What URLResolver.resolve() does, so a built URL can be checked against its route.
    return prefix + (route[1:] if route.startswith("^") else route)


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        route = _join(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield route, pattern


def admin_endpoints() -> list[Endpoint]:
    endpoints = [
        Endpoint(_join("admin/", route), pattern, None)
        for route, pattern in _walk(p for p in admin.site.get_urls() if isinstance(p, URLPattern))
    ]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        endpoints += [
            Endpoint(route, pattern, model)
            for route, pattern in _walk(model_admin.get_urls(), prefix)
        ]
    return endpoints


def member_endpoints() -> list[Endpoint]:
    return [
        Endpoint(route, pattern, None)
        for route, pattern in _walk(get_resolver().url_patterns)
        if route.startswith(MEMBER_PREFIXES)
    ]


# ---------------------------------------------------------------- giving them arguments


@dataclass
class Cast:
    """The people and objects the endpoints are called with."""

    superuser: object
    curator: object
    coordinator: object
    consortium: Consortium
    draft: Finding
    attachment_id: int
    token_id: int


@pytest.fixture
def cast(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    consortium = Consortium.objects.order_by("short_name").first()
    coordinator = ConsortiumAccessFactory(
        user=UserFactory(username="garbage-coordinator"),
        consortium=consortium,
        role=AccessRole.COORDINATOR,
    ).user
    draft = FindingFactory(consortium=consortium, author=coordinator, slug="garbage-draft")
    services.finding_update(
        finding=draft,
        user=coordinator,
        expected_version=draft.version,
        add_attachments=[{"title": "Report", "file": upload("report.pdf", PDF)}],
    )
    token, _key = api_token_create(user=coordinator, name="Scripts")
    ErasureRequest.objects.create(user=coordinator)
    # A decision kept pending, for the admin's pending decisions.
    submitted = FindingFactory(consortium=consortium, author=coordinator, slug="garbage-pending")
    services.finding_submit(finding=submitted, user=coordinator)
    services.finding_publish(
        finding=submitted, user=get_user_model().objects.get(username="curator"), pending=True
    )
    # A reaction waiting in the curators' queue (the demo's are published).
    Reaction.objects.create(
        finding=_other_consortiums_finding(consortium),
        organisation=consortium.memberships.first().organisation,
        kind="endorsed",
    )
    return Cast(
        superuser=UserFactory(username="garbage-superuser", is_staff=True, is_superuser=True),
        curator=get_user_model().objects.get(username="curator"),
        coordinator=coordinator,
        consortium=consortium,
        draft=draft,
        attachment_id=draft.attachments.get().pk,
        token_id=token.pk,
    )


# An argument in a route: a converter, a named regex group, or a positional one.
SLOT = re.compile(r"<(?:\w+:)?(?P<converter>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)|\((?!\?)[^)]*\)")


def _other_consortiums_finding(consortium) -> Finding:
    return Finding.objects.published().exclude(consortium=consortium).order_by("pk").first()


def _admin_object(model, cast: Cast):
    request = RequestFactory().get("/")
    request.user = cast.superuser
    return admin.site._registry[model].get_queryset(request).order_by("pk").first()


def _slot_name(match: re.Match, endpoint: Endpoint, before: str) -> str | None:
    name = match["converter"] or match["group"]
    if name or endpoint.model is None:
        return name
    # Positional groups (django-simple-history's ``([^/]+)/history/([^/]+)/$``).
    if before == endpoint.model._meta.model_name:
        return "object_id"
    return "version_id" if before == "history" else None


def argument_for(name: str, before: str, endpoint: Endpoint, cast: Cast) -> str | None:
    """A real value for the argument ``name`` that follows the path segment ``before``
    (``findings`` in ``me/findings/<slug:slug>/``), or ``None`` if unknown."""
    if endpoint.model is not None:
        obj = _admin_object(endpoint.model, cast)
        if obj is None:
            pytest.fail(f"No {endpoint.model.__name__} to call {endpoint.route} with.")
        if name in {"object_id", "id"}:  # "id": the user admin's password page
            return str(obj.pk)
        if name == "version_id" and hasattr(endpoint.model, "history"):
            return str(endpoint.model.history.filter(id=obj.pk).latest("history_id").history_id)
        return None
    values = {
        # the admin site's own pages
        ("admin", "app_label"): "findings",
        ("admin", "url"): "no-such-page/",
        # view on site: admin/r/<content_type_id>/<object_id>/
        ("r", "content_type_id"): lambda: str(ContentType.objects.get_for_model(Finding).pk),
        ("content_type_id", "object_id"): lambda: str(cast.draft.pk),
        # the members' workplace and their tokens
        ("consortia", "slug"): lambda: cast.consortium.slug,
        ("findings", "slug"): lambda: cast.draft.slug,
        ("reactions", "slug"): lambda: _other_consortiums_finding(cast.consortium).slug,
        ("translations", "language"): "fr",
        ("steps", "action"): "submit",
        ("attachments", "pk"): lambda: str(cast.attachment_id),
        ("tokens", "pk"): lambda: str(cast.token_id),
        # password reset links
        ("reset", "uidb64"): lambda: urlsafe_base64_encode(force_bytes(cast.coordinator.pk)),
        ("uidb64", "token"): lambda: default_token_generator.make_token(cast.coordinator),
    }
    value = values.get((before, name))
    return value() if callable(value) else value


def concrete_url(endpoint: Endpoint, cast: Cast) -> str:
    """The endpoint's URL with real arguments; fails the test if it cannot make one."""
    path, position, before = "", 0, ""
    for match in SLOT.finditer(endpoint.route):
        literal = endpoint.route[position : match.start()]
        segments = [p for p in literal.split("/") if p]
        before = segments[-1] if segments else before
        name = _slot_name(match, endpoint, before.lstrip("^"))
        value = argument_for(name, before.lstrip("^"), endpoint, cast) if name else None
        if value is None:
            pytest.fail(
                f"Cannot give {match[0]} (after {before!r}) to {endpoint.route!r}: teach "
                "argument_for() about it, so that garbage is posted there too."
            )
        path += literal + value
        position, before = match.end(), name
    path = "/" + (path + endpoint.route[position:]).replace("^", "").rstrip("$")
    match = resolve(path)
    if match.route != endpoint.route:
        pytest.fail(f"{path} resolves to {match.route!r}, not {endpoint.route!r}.")
    return path


# ---------------------------------------------------------------- garbage


class FormFields(HTMLParser):
    """Each named field of a page's forms with the value the page offers (every checkbox
    ticked, a select's chosen or first option); a select's options in ``options``."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_multiple = False
        self._textarea: str | None = None

    def _add(self, name, value):
        self.values.setdefault(name, []).append(value or "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        is_input = tag == "input" and attrs.get("type") != "file"
        is_first_button = tag == "button" and name not in self.values
        if name and (is_input or is_first_button):
            self._add(name, attrs.get("value"))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, [])
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in attrs
            self.options[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            self.options[self._select].append(value)
            if "selected" in attrs:
                self._add(self._select, value)

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_multiple and self._select not in self.values:
                self.values[self._select] = self.options[self._select][:1]
            self._select = None


def payloads(page: FormFields) -> dict[str, dict]:
    names = list(dict.fromkeys([*page.values, *USUAL_NAMES]))
    own = {name: page.values.get(name, [""]) for name in names}

    def numbers_made(value):
        return {
            name: [value if re.fullmatch(r"-?\d+", v or "") else v for v in values]
            for name, values in own.items()
        }

    # A formset told of 10**26 forms renders the most Django allows (about 1,000): slow, and
    # no code of ours is reached that way; the huge payloads keep the page's form counts.
    counts = {name: own[name] for name in names if FORMSET_COUNT.search(name)}
    garbage = {
        "nothing": {},
        "non-numbers": dict.fromkeys(names, NOT_A_NUMBER),
        "NUL bytes": dict.fromkeys(names, NUL),
        "huge strings": {**dict.fromkeys(names, HUGE), **counts},
        "arrays": dict.fromkeys(names, ["1", NOT_A_NUMBER]),
        "its own values": own,
        "its own values, numbers garbage": numbers_made(NOT_A_NUMBER),
        "its own values, numbers too large": {**numbers_made(TOO_LARGE), **counts},
    }
    for action in page.options.get("action", []):
        if action:
            garbage[f"action {action} on every row"] = {
                **own,
                **CONFIRMING_NAMES,
                "action": action,
                "comment": NUL,
            }
    return garbage


def row_counts() -> dict[str, int]:
    """Every table of the project, and the admin's log."""
    models = [
        *apps.get_app_config("consortia").get_models(),
        *apps.get_app_config("findings").get_models(),
        *apps.get_app_config("events").get_models(),
        get_user_model(),
        apps.get_model("auth", "Group"),
        apps.get_model("admin", "LogEntry"),
    ]
    return {model._meta.label: model._default_manager.count() for model in models}


def content_of(response) -> bytes:
    # A download is read to its end, which closes its file the way the test client can
    # (response.close() outside a request would close the database connection).
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def post_garbage(client, user, endpoints, cast) -> list[str]:
    """Post every payload to every endpoint as ``user``; what went wrong, one line each."""
    baseline = row_counts()
    problems = []
    for endpoint in endpoints:
        url = concrete_url(endpoint, cast)
        with transaction.atomic():
            if user is not None:
                force_login_confirmed(client, user)
            page = FormFields()
            page.feed(content_of(client.get(url)).decode(errors="replace"))
            transaction.set_rollback(True)
        for label, data in payloads(page).items():
            with transaction.atomic():
                if user is not None:
                    force_login_confirmed(client, user)
                try:
                    response = client.post(url, data)
                except Exception as error:  # the test client re-raises the view's exception
                    summary = f"{type(error).__name__}: {error}"[:160]
                    problems.append(f"POST {url} ({label}): 500, {summary}")
                else:
                    content_of(response)
                    if response.status_code >= 500:
                        problems.append(f"POST {url} ({label}): {response.status_code}")
                    elif response.status_code not in REDIRECTS and row_counts() != baseline:
                        changed = {k: v for k, v in row_counts().items() if baseline[k] != v}
                        problems.append(
                            f"POST {url} ({label}): {response.status_code} yet wrote {changed}"
                        )
                transaction.set_rollback(True)
    return problems


# ---------------------------------------------------------------- the tests


def test_every_admin_and_member_pattern_is_found():
    routes = {e.route for e in admin_endpoints() + member_endpoints()}
    expected = {
        "admin/login/",
        "admin/findings/finding/<path:object_id>/delete/",
        "admin/findings/submittedfinding/<path:object_id>/change/",
        "admin/findings/finding/([^/]+)/history/([^/]+)/$",
        "admin/consortia/consortiumaccess/invite/",
        "en/me/findings/<slug:slug>/edit/",
        "en/me/tokens/<int:pk>/revoke/",
        "en/accounts/reset/<uidb64>/<token>/",
    }
    assert expected <= routes
    # Each ModelAdmin's list, add, history, delete, change and redirect pages at least.
    assert len([r for r in routes if r.startswith("admin/")]) >= 6 * len(admin.site._registry)


@pytest.mark.parametrize("who", ["curator", "superuser"])
def test_admin_answers_garbage_without_a_500(client, cast, who):
    problems = post_garbage(client, getattr(cast, who), admin_endpoints(), cast)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("who", ["coordinator", "anonymous"])
def test_member_and_account_pages_answer_garbage_without_a_500(client, cast, who):
    user = None if who == "anonymous" else getattr(cast, who)
    problems = post_garbage(client, user, member_endpoints(), cast)
    assert not problems, "\n".join(problems)
