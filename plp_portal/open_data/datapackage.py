"""The dump's ``datapackage.json``: a Frictionless (Tabular) Data Package describing each CSV
file, its columns' types, its primary key and its foreign keys, read from the model fields."""

import datetime as dt

from django.conf import settings
from django.db import models
from django_countries.fields import CountryField

from findings.exports import spreadsheet_safe

from .tables import TABLE_OF_MODEL, TABLES, Table

#: The Frictionless type of each kind of model field (by its internal type).
FIELD_TYPES = {
    "AutoField": "integer",
    "BigAutoField": "integer",
    "IntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "PositiveBigIntegerField": "integer",
    "SmallIntegerField": "integer",
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
SPREADSHEET_NOTE = (
    "Text cells that begin with =, +, -, @, a tab or a carriage return carry a leading "
    "apostrophe, so that spreadsheets show them as text and never run them as formulas."
)


def field_type(field: models.Field) -> str:
    if field.is_relation:
        return field_type(field.target_field)
    return FIELD_TYPES.get(field.get_internal_type(), "string")


def cell(field: models.Field, value) -> str:
    """A value as its CSV cell: empty for none, ISO 8601 (UTC, seconds) for moments."""
    if value is None:
        return ""
    kind = field_type(field)
    if kind == "datetime":
        return value.astimezone(dt.UTC).strftime(DATETIME_FORMAT)
    if kind in ("date", "integer"):
        return value.isoformat() if kind == "date" else str(value)
    if kind == "boolean":
        return "true" if value else "false"
    return spreadsheet_safe(str(value))


def schema_field(field: models.Field) -> dict:
    name = field.attname if field.is_relation else field.name
    described = {"name": name, "type": field_type(field)}
    if described["type"] == "datetime":
        described["format"] = DATETIME_FORMAT
    if field.help_text:
        described["description"] = str(field.help_text)
    constraints = {}
    if not field.null and not (field.blank and described["type"] == "string"):
        constraints["required"] = True
    if isinstance(field, CountryField):
        # ISO 3166-1 alpha-2 codes; a finding's several countries are separated by commas.
        constraints["pattern"] = "[A-Z]{2}(,[A-Z]{2})*" if field.multiple else "[A-Z]{2}"
    elif field.choices and not field.is_relation:
        constraints["enum"] = [str(value) for value, _label in field.flatchoices]
    if constraints:
        described["constraints"] = constraints
    return described


def foreign_keys(table: Table) -> list[dict]:
    keys = []
    for field in table.model_fields():
        target = TABLE_OF_MODEL.get(field.related_model) if field.is_relation else None
        if target is not None:
            keys.append(
                {
                    "fields": [field.attname],
                    "reference": {
                        "resource": target.name,
                        "fields": [field.target_field.attname],
                    },
                }
            )
    return keys


def resource(table: Table) -> dict:
    schema = {
        "fields": [schema_field(field) for field in table.model_fields()],
        "primaryKey": table.primary_key(),
    }
    if keys := foreign_keys(table):
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "title": str(table.title),
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def descriptor(*, created) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "plp-portal-open-data",
        "title": f"{settings.SITE_NAME}: open data",
        "description": (
            "Everything the portal publishes, one CSV file per table: consortia, "
            "organisations and their memberships, people's public fields, events and their "
            "programmes, themes, SDGs, and published findings with their links. " + SPREADSHEET_NOTE
        ),
        "homepage": settings.PLP_SITE_URL,
        "created": created.strftime(DATETIME_FORMAT),
        "licenses": [{"name": settings.PLP_DATA_LICENCE, "path": settings.PLP_DATA_LICENCE_URL}],
        "resources": [resource(table) for table in TABLES],
    }
