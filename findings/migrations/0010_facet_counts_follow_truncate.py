"""A TRUNCATE of the findings empties the kept facet counts too (PostgreSQL).

Row triggers and statement triggers on INSERT/UPDATE/DELETE do not fire for TRUNCATE, so
emptying the findings (as `manage.py flush` and the test runner's flush do) left
`findings_facet_count` counting findings that no longer exist.
"""

from django.db import migrations

from findings.migrations._postgresql_only import PostgreSQLOnly

TRUNCATE_SQL = """
CREATE FUNCTION findings_facet_count_emptied() RETURNS trigger AS $$
BEGIN
    DELETE FROM findings_facet_count;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER findings_facet_count_truncated AFTER TRUNCATE ON findings_finding
    FOR EACH STATEMENT EXECUTE FUNCTION findings_facet_count_emptied();
"""

DROP_TRUNCATE_SQL = """
DROP TRIGGER IF EXISTS findings_facet_count_truncated ON findings_finding;
DROP FUNCTION IF EXISTS findings_facet_count_emptied();
"""


class Migration(migrations.Migration):
    dependencies = [("findings", "0009_facet_counts")]

    operations = [PostgreSQLOnly(TRUNCATE_SQL, DROP_TRUNCATE_SQL)]
