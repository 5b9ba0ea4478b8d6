"""The schema.org vocabulary (tests/linked_data/schemaorg/, release 12.0) and a checker for
the JSON-LD documents the pages publish.

``problems(document)`` walks every node: its ``@type`` must be a schema.org type (not an
enumeration member); every property must exist, not be superseded, and be valid on the type
(its ``domainIncludes`` names the type or one of its ancestors); every value must fit the
property's ``rangeIncludes``: a node of a type in the range (or a subtype), an enumeration
member of an enumeration in the range, or a literal of a data type in the range (a date, a
URL, a boolean, text).
"""

import csv
import datetime as dt
import functools
from pathlib import Path
from urllib.parse import urlsplit

VOCABULARY = Path(__file__).parent / "schemaorg"
SCHEMA_ORG = "https://schema.org/"
TEXT_TYPES = {"Text", "URL", "CssSelectorType", "XPathType", "PronounceableText"}


def _names(value: str) -> set[str]:
    return {name.strip() for name in value.split(",") if name.strip()}


@functools.cache
def types() -> dict[str, dict]:
    with open(VOCABULARY / "types.csv", newline="") as file:
        return {
            row["label"]: {
                "parents": _names(row["subTypeOf"]),
                "enumeration": _names(row["enumerationtype"]),
            }
            for row in csv.DictReader(file)
        }


@functools.cache
def properties() -> dict[str, dict]:
    with open(VOCABULARY / "properties.csv", newline="") as file:
        return {
            row["label"]: {
                "domain": _names(row["domainIncludes"]),
                "range": _names(row["rangeIncludes"]),
                "superseded_by": _names(row["supersededBy"]),
            }
            for row in csv.DictReader(file)
        }


@functools.cache
def ancestors(type_name: str) -> frozenset[str]:
    """The type and every type above it."""
    found = {type_name}
    for parent in types().get(type_name, {}).get("parents", ()):
        found |= ancestors(parent)
    return frozenset(found)


def is_enumeration_member(name: str) -> bool:
    return bool(types().get(name, {}).get("enumeration"))


def problems(node, path: str = "$") -> list[str]:
    """Everything in `node` (a JSON-LD document, parsed) that schema.org does not allow."""
    found = []
    if not isinstance(node, dict):
        return [f"{path}: a node must be an object, not {node!r}"]
    type_name = node.get("@type")
    if type_name not in types() or is_enumeration_member(type_name):
        return [f"{path}: {type_name!r} is not a schema.org type"]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        where = f"{path}.{key}"
        vocabulary = properties().get(key)
        if vocabulary is None:
            found.append(f"{where}: no such schema.org property")
            continue
        if vocabulary["superseded_by"]:
            found.append(f"{where}: superseded by {sorted(vocabulary['superseded_by'])}")
        if not vocabulary["domain"] & ancestors(type_name):
            found.append(f"{where}: not a property of {type_name}")
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            found += _value_problems(item, vocabulary["range"], f"{where}[{index}]")
    return found


def _value_problems(value, expected: set[str], where: str) -> list[str]:
    if isinstance(value, dict):
        found = problems(value, where)
        if not found and not ancestors(value["@type"]) & expected:
            found.append(f"{where}: a {value['@type']} where {sorted(expected)} is expected")
        return found
    if isinstance(value, bool):
        return [] if "Boolean" in expected else [f"{where}: a boolean where {expected} is expected"]
    if isinstance(value, int | float):
        return [] if "Number" in expected else [f"{where}: a number where {expected} is expected"]
    if not isinstance(value, str) or not value.strip():
        return [f"{where}: {value!r} is not a value"]
    member = value.removeprefix(SCHEMA_ORG)
    if value.startswith(SCHEMA_ORG) and is_enumeration_member(member):
        enumerations = types()[member]["enumeration"]
        if any(ancestors(enumeration) & expected for enumeration in enumerations):
            return []
        return [f"{where}: {member} is not one of {sorted(expected)}"]
    if expected & {"Date", "DateTime"} and _is_date(value):
        return []
    if expected & {"URL"} and urlsplit(value).scheme in ("http", "https"):
        return []
    if expected & TEXT_TYPES - {"URL"}:
        return []
    return [f"{where}: {value!r} does not fit {sorted(expected)}"]


def _is_date(value: str) -> bool:
    try:
        dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def missing(node: dict, required: list[str]) -> list[str]:
    return [name for name in required if name not in node]
