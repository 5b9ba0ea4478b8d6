"""Facet values denormalised onto each finding, on PostgreSQL: `facet_terms text[]`.

One array per finding holds "consortium:<id>", "country:<code>", "theme:<id>" and "sdg:<n>";
a GIN index makes "has any of these" (`&&`) and "has all of these" (`@>`) indexed, and one
scan with `unnest` counts every facet at once (findings/facets.py). The year is not stored:
it depends on the site's time zone, so queries derive it from `published_at`.

Triggers, not Django code, keep the array current, so every write path is covered whatever
it is (services, admin, API, history restore, bulk loads, raw SQL): a row trigger when a
finding's consortium or countries change, and statement triggers with transition tables when
rows of the themes or SDGs link tables are inserted or deleted (one UPDATE per statement, so a
bulk insert of links refreshes its findings in one go). The column is not a model field: Django
never writes it and SQLite has no such column (it counts with joins).
"""

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """Raw SQL for PostgreSQL; a no-op elsewhere (as in migration 0004)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


FACET_TERMS_SQL = """
ALTER TABLE findings_finding ADD COLUMN facet_terms text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION findings_finding_facet_terms(p_finding bigint, p_consortium bigint,
                                             p_countries text)
RETURNS text[] AS $$
    SELECT ARRAY['consortium:' || p_consortium]
        || coalesce((SELECT array_agg('country:' || code ORDER BY code)
                       FROM unnest(string_to_array(p_countries, ',')) AS code
                      WHERE code <> ''), '{}')
        || coalesce((SELECT array_agg('theme:' || theme_id ORDER BY theme_id)
                       FROM findings_finding_themes WHERE finding_id = p_finding), '{}')
        || coalesce((SELECT array_agg('sdg:' || sdg_id ORDER BY sdg_id)
                       FROM findings_finding_sdgs WHERE finding_id = p_finding), '{}')
$$ LANGUAGE sql STABLE;

CREATE FUNCTION findings_finding_facet_terms_row() RETURNS trigger AS $$
BEGIN
    NEW.facet_terms := findings_finding_facet_terms(NEW.id, NEW.consortium_id, NEW.countries);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER findings_finding_facet_terms
    BEFORE INSERT OR UPDATE OF consortium_id, countries ON findings_finding
    FOR EACH ROW EXECUTE FUNCTION findings_finding_facet_terms_row();

CREATE FUNCTION findings_finding_facet_terms_links() RETURNS trigger AS $$
BEGIN
    UPDATE findings_finding AS finding
       SET facet_terms = findings_finding_facet_terms(finding.id, finding.consortium_id,
                                                      finding.countries)
     WHERE finding.id IN (SELECT DISTINCT finding_id FROM changed_links);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER findings_finding_themes_added AFTER INSERT ON findings_finding_themes
    REFERENCING NEW TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION findings_finding_facet_terms_links();
CREATE TRIGGER findings_finding_themes_removed AFTER DELETE ON findings_finding_themes
    REFERENCING OLD TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION findings_finding_facet_terms_links();
CREATE TRIGGER findings_finding_sdgs_added AFTER INSERT ON findings_finding_sdgs
    REFERENCING NEW TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION findings_finding_facet_terms_links();
CREATE TRIGGER findings_finding_sdgs_removed AFTER DELETE ON findings_finding_sdgs
    REFERENCING OLD TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION findings_finding_facet_terms_links();

UPDATE findings_finding
   SET facet_terms = findings_finding_facet_terms(id, consortium_id, countries);

CREATE INDEX finding_facet_terms_gin ON findings_finding USING gin (facet_terms);
"""

DROP_FACET_TERMS_SQL = """
DROP TRIGGER IF EXISTS findings_finding_sdgs_removed ON findings_finding_sdgs;
DROP TRIGGER IF EXISTS findings_finding_sdgs_added ON findings_finding_sdgs;
DROP TRIGGER IF EXISTS findings_finding_themes_removed ON findings_finding_themes;
DROP TRIGGER IF EXISTS findings_finding_themes_added ON findings_finding_themes;
DROP FUNCTION IF EXISTS findings_finding_facet_terms_links();
DROP TRIGGER IF EXISTS findings_finding_facet_terms ON findings_finding;
DROP FUNCTION IF EXISTS findings_finding_facet_terms_row();
DROP FUNCTION IF EXISTS findings_finding_facet_terms(bigint, bigint, text);
ALTER TABLE findings_finding DROP COLUMN IF EXISTS facet_terms;
"""


class Migration(migrations.Migration):
    dependencies = [("findings", "0006_history_of_themes_and_sdgs")]

    operations = [PostgreSQLOnly(FACET_TERMS_SQL, DROP_FACET_TERMS_SQL)]
