"""The migration that replaces the free-text schedule note keeps each note's text."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# (Renumbered with the migration when branches merge.)
BEFORE = [("events", "0005_report_texts")]
AFTER = [("events", "0006_schedule_changes")]


@pytest.fixture
def back_to_the_latest_migrations():
    """Whatever happens, the database ends fully migrated for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_schedule_note_becomes_the_last_paragraph_of_the_description(
    back_to_the_latest_migrations,
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Event = old_apps.get_model("events", "Event")
    common = {
        "starts_at": "2022-12-13T23:00:00Z",
        "ends_at": "2022-12-16T22:59:00Z",
        "format": "tba",
        "status": "published",
    }
    Event.objects.create(
        slug="noted",
        title="Noted",
        description="The closing conference.",
        description_en="The closing conference.",
        schedule_note="Later rescheduled to 20–21 March 2023.",
        **common,
    )
    Event.objects.create(
        slug="note-only", title="Note only", schedule_note="Dates to be confirmed.", **common
    )
    Event.objects.create(slug="plain", title="Plain", description="As planned.", **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    new_apps = executor.loader.project_state(AFTER).apps
    rows = new_apps.get_model("events", "Event").objects.order_by("slug")
    assert list(
        rows.values_list("slug", "description", "schedule_status", "schedule_sequence")
    ) == [
        ("note-only", "Dates to be confirmed.", "scheduled", 0),
        (
            "noted",
            "The closing conference.\n\nLater rescheduled to 20–21 March 2023.",
            "scheduled",
            0,
        ),
        ("plain", "As planned.", "scheduled", 0),
    ]
    assert rows.get(slug="noted").description_en == (
        "The closing conference.\n\nLater rescheduled to 20–21 March 2023."
    )
