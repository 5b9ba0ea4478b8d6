"""The apps depend one way, consortia <- findings <- events, in substance and not only in imports.

A lower app imports no upper app, and neither does it reach one by name: its Python and its
templates spell none of the upper apps' models, relations (the upper models' relation fields and
the related names they add to the lower models), URL namespaces, template directories or
template-tag libraries. Renaming a field of events must never break consortia.

The names come from the model registry, so a relation added to events is checked from the day it
exists. A name the lower app's own models use as well (``title``, ``position``, ``consortium`` …)
is the lower app's own word and allowed. Plain, non-relation fields of upper models
(``starts_at``, ``format``, ``label`` …) are looked for only where they are surely field names:
after the first part of an ORM lookup (``a__starts_at``). Anywhere else they may be common words
(``"{}".format``, ``field.label`` in a form template), and an upper model's plain field cannot be
reached without naming a relation or a model first, which is looked for everywhere. Choice values
(``ThemeKind.EVENT = "event"``) are data, not names, and are not looked at.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["consortia", "findings", "events"]
LOWER_APPS = LAYERS[:-1]

# Python strings and keywords that look like ORM lookups or names: "findings", "-session__event".
LOOKUP = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_]*(?:__[A-Za-z0-9_]+)*$")
# A template variable or dotted path inside {{ }} or {% %}: person.public_contributions.
TEMPLATE_TAG = re.compile(r"{{(.*?)}}|{%(.*?)%}", re.DOTALL)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")
LOAD = re.compile(r"^\s*load\s+(.*)$", re.DOTALL)


def _upper(app: str) -> list[str]:
    return LAYERS[LAYERS.index(app) + 1 :]


def _is_reverse(field) -> bool:
    return field.auto_created and not field.concrete


@dataclass(frozen=True)
class UpperNames:
    """What a lower app must not spell: relation words anywhere, plain field words in lookups."""

    app: str
    models: frozenset[str]
    relations: frozenset[str]
    fields: frozenset[str]
    prefixes: tuple[str, ...]  # "events:", "events/", "events." …
    tag_libraries: frozenset[str]


def upper_names(app: str) -> UpperNames:
    upper = set(_upper(app))
    own: set[str] = set()  # every name the lower app (and what is below it, Django's too) owns
    models, relations, fields = set(), set(), set()
    for model in apps.get_models():
        label = model._meta.app_label
        if label not in upper:
            if label in LAYERS:  # consortia's "person"; not Django's "session" (sessions app)
                own.add(model._meta.model_name)
            for field in model._meta.get_fields(include_hidden=True):
                if _is_reverse(field) and field.related_model._meta.app_label in upper:
                    continue  # the upper app's relation, seen from below: not the lower app's word
                own.add(field.name)
            continue
        models.add(model.__name__)
        for field in model._meta.get_fields():
            if _is_reverse(field):
                continue
            if not field.is_relation:
                fields.add(field.name)
                continue
            relations.add(field.name)
            if field.related_model._meta.app_label not in upper and not field.remote_field.hidden:
                # The names this relation adds to a lower model: consortium.contributions,
                # Consortium.objects.filter(contributions__…).
                relations.add(field.remote_field.get_accessor_name())
                relations.add(field.related_query_name())
    libraries = {
        path.stem
        for label in upper
        for path in (ROOT / label / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }
    return UpperNames(
        app=app,
        models=frozenset(models),
        # The upper apps' labels too: apps.get_model("events", …), a stray "events" lookup.
        relations=frozenset((relations | upper) - own),
        fields=frozenset(fields - own),
        prefixes=tuple(f"{label}{sep}" for label in upper for sep in ":/."),
        tag_libraries=frozenset(libraries),
    )


def python_files(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def template_files(app: str) -> list[Path]:
    return sorted((ROOT / "templates" / app).rglob("*.html"))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: prose, not names."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _choice_values(tree: ast.AST) -> set[int]:
    """ids of the string constants in TextChoices and IntegerChoices classes."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = [getattr(base, "id", None) or getattr(base, "attr", "") for base in node.bases]
        if any(base.endswith("Choices") for base in bases):
            found |= {id(child) for child in ast.walk(node) if isinstance(child, ast.Constant)}
    return found


def _lookup_problems(lookup: str, names: UpperNames) -> list[str]:
    parts = lookup.lstrip("-").split("__")
    problems = [f"relation {part!r}" for part in parts if part in names.relations]
    problems += [f"field {part!r}" for part in parts[1:] if part in names.fields]
    return problems


def python_problems(path: Path, names: UpperNames, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    not_names = _docstrings(tree) | _choice_values(tree)
    problems = []

    def report(node, what):
        problems.append(f"{path.relative_to(root)}:{node.lineno}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in _upper(names.app):
                    report(node, f"imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in _upper(names.app):
                report(node, f"imports from {node.module}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if id(node) in not_names:
                continue
            if value in names.models:
                report(node, f"names the model {value!r}")
            elif value.startswith(names.prefixes):
                report(node, f"names {value!r}")
            elif LOOKUP.match(value):
                for problem in _lookup_problems(value, names):
                    report(node, f"{problem} in {value!r}")
        elif isinstance(node, ast.keyword) and node.arg:
            for problem in _lookup_problems(node.arg, names):
                report(node.value, f"{problem} in the keyword {node.arg}=")
        elif isinstance(node, ast.Attribute) and node.attr in names.relations:
            report(node, f"relation {node.attr!r} as .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in names.models:
            report(node, f"names the model {node.id}")
    return problems


def template_problems(path: Path, names: UpperNames, root: Path = ROOT) -> list[str]:
    problems = []
    text = path.read_text()
    for match in TEMPLATE_TAG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        where = f"{path.relative_to(root)}:{line}"
        code = match.group(1) or match.group(2)
        for quoted in QUOTED.findall(code):
            if quoted[1:-1].startswith(names.prefixes):
                problems.append(f"{where}: names {quoted}")
        code = QUOTED.sub(" ", code)
        load = LOAD.match(code)
        if load:
            for library in load.group(1).split():
                if library in names.tag_libraries:
                    problems.append(f"{where}: loads the tag library {library}")
            continue
        for dotted in DOTTED.findall(code):
            problems += [
                f"{where}: relation {part!r} in {dotted}"
                for part in dotted.split(".")
                if part in names.relations
            ]
    return problems


@pytest.mark.parametrize("app", LOWER_APPS)
def test_lower_app_python_names_nothing_of_the_apps_above(app):
    names = upper_names(app)
    problems = [problem for path in python_files(app) for problem in python_problems(path, names)]
    assert problems == []


@pytest.mark.parametrize("app", LOWER_APPS)
def test_lower_app_templates_name_nothing_of_the_apps_above(app):
    names = upper_names(app)
    problems = [
        problem for path in template_files(app) for problem in template_problems(path, names)
    ]
    assert problems == []


def test_the_names_looked_for_are_the_upper_apps_relations():
    # The check is only as good as its word lists: spot-check them against the models.
    consortia, findings = upper_names("consortia"), upper_names("findings")
    assert {"findings", "contributions", "moderated_sessions", "breakouts_joined"} <= (
        consortia.relations
    )
    assert {"Finding", "Event", "Breakout"} <= consortia.models
    assert {"contributions", "breakouts", "session", "event", "key_points"} <= findings.relations
    assert "findings" not in findings.relations  # findings' own relation to Consortium
    assert {"title", "position", "consortium"}.isdisjoint(findings.relations | findings.fields)
    assert "format" not in findings.relations  # a plain field: looked for only in lookups
    assert {"starts_at", "venue"} <= findings.fields
    assert {"findings_tags", "event_tags"} <= consortia.tag_libraries


def test_the_check_finds_an_upper_apps_names_in_code_and_templates(tmp_path):
    names = upper_names("findings")
    code = tmp_path / "selectors.py"
    code.write_text(
        '"""Docstrings may say contributions and breakouts."""\n'
        "from events.models import Event\n"
        'x = Finding.objects.filter(contributions__session__venue=1).order_by("-breakouts")\n'
        "y = theme.breakouts\n"
        'z = "{} event".format(kind), "title", "-position", "events/x.html"\n'
        'class Kind(TextChoices):\n    EVENT = "event", "Event theme"\n'
    )
    template = tmp_path / "page.html"
    template.write_text(
        '{% load event_tags %}{% if kind == "event" %}{{ x.session.title }}{% endif %}\n'
        "{% translate 'Presented at events' %}{{ field.label }}{{ starts_at }}\n"
        "{% url 'events:event_list' %}"
    )

    assert set(python_problems(code, names, root=tmp_path)) == {
        "selectors.py:2: imports from events.models",
        "selectors.py:3: relation 'contributions' in the keyword contributions__session__venue=",
        "selectors.py:3: relation 'session' in the keyword contributions__session__venue=",
        "selectors.py:3: field 'venue' in the keyword contributions__session__venue=",
        "selectors.py:3: relation 'breakouts' in '-breakouts'",
        "selectors.py:4: relation 'breakouts' as .breakouts",
        "selectors.py:5: names 'events/x.html'",
    }
    assert template_problems(template, names, root=tmp_path) == [
        "page.html:1: loads the tag library event_tags",
        "page.html:1: relation 'session' in x.session.title",
        "page.html:3: names 'events:event_list'",
    ]
