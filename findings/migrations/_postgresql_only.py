from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """Raw SQL for PostgreSQL; a no-op elsewhere (as in migrations 0004 and 0007)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
