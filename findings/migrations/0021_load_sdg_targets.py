"""The 169 SDG targets, in English, French and Spanish, from findings/data/sdg_targets.csv
(where the file says the texts come from)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "sdg_targets.csv"


def read_targets():
    with DATA.open(encoding="utf-8", newline="") as data:
        lines = (line for line in data if not line.startswith("#"))
        yield from csv.DictReader(lines)


def load_targets(apps, schema_editor):
    SDGTarget = apps.get_model("findings", "SDGTarget")
    for row in read_targets():
        SDGTarget.objects.update_or_create(
            code=row["code"],
            defaults={
                "goal_id": int(row["goal"]),
                "position": int(row["position"]),
                "text": row["text_en"],
                **{f"text_{language}": row[f"text_{language}"] or None for language in
                   ("en", "fr", "es")},
            },
        )  # fmt: skip


def unload_targets(apps, schema_editor):
    apps.get_model("findings", "SDGTarget").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("findings", "0020_claims")]

    operations = [migrations.RunPython(load_targets, unload_targets)]
