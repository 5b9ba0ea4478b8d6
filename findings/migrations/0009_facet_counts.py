"""The facet counts of the unfiltered browse, kept by triggers (PostgreSQL): `findings_facet_count`.

One row per facet term of the listed findings ("theme:12", "country:ES", …, "year:2024" with
the year in UTC, and "all:" for the total) with how many listed findings hold it. Statement
triggers with transition tables add what a statement's new rows hold and subtract what its
old rows held, so the table is right after every write, whatever makes it (services, admin,
bulk loads, the facet-terms triggers of migration 0007), and the first reader after a publish
reads a few hundred rows instead of counting 100,000 findings. Terms are locked in term order
so concurrent writers cannot deadlock. "Listed" is status 'published' (findings.workflow
LISTED_STATES, frozen here as migrations are).

Years are kept in UTC because the site's time zone is a setting the database does not know:
findings.facets moves the few findings published within hours of a new year to the site's year.
"""

from django.db import migrations

from findings.migrations._postgresql_only import PostgreSQLOnly

FACET_COUNT_SQL = """
CREATE TABLE findings_facet_count (
    term text PRIMARY KEY,
    findings integer NOT NULL
);

CREATE FUNCTION findings_facet_count_terms(p_terms text[], p_published_at timestamptz)
RETURNS text[] AS $$
    SELECT p_terms || ARRAY['all:']
        || CASE WHEN p_published_at IS NULL THEN '{}'::text[]
                ELSE ARRAY['year:' || extract(year FROM p_published_at AT TIME ZONE 'UTC')::int]
           END
$$ LANGUAGE sql IMMUTABLE;

-- One function for the three triggers: a query naming a transition table the trigger does
-- not have is never planned, as only its own branch runs.
CREATE FUNCTION findings_facet_count_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO findings_facet_count AS c (term, findings)
        SELECT term, sum(delta) FROM (SELECT unnest(findings_facet_count_terms(facet_terms, published_at)), 1
                            FROM new_rows WHERE status = 'published') AS deltas (term, delta)
         GROUP BY term HAVING sum(delta) <> 0
         ORDER BY term
        ON CONFLICT (term) DO UPDATE SET findings = c.findings + EXCLUDED.findings;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO findings_facet_count AS c (term, findings)
        SELECT term, sum(delta) FROM (SELECT unnest(findings_facet_count_terms(facet_terms, published_at)), 1
                            FROM new_rows WHERE status = 'published' UNION ALL SELECT unnest(findings_facet_count_terms(facet_terms, published_at)), -1
                            FROM old_rows WHERE status = 'published') AS deltas (term, delta)
         GROUP BY term HAVING sum(delta) <> 0
         ORDER BY term
        ON CONFLICT (term) DO UPDATE SET findings = c.findings + EXCLUDED.findings;
    ELSE
        INSERT INTO findings_facet_count AS c (term, findings)
        SELECT term, sum(delta) FROM (SELECT unnest(findings_facet_count_terms(facet_terms, published_at)), -1
                            FROM old_rows WHERE status = 'published') AS deltas (term, delta)
         GROUP BY term HAVING sum(delta) <> 0
         ORDER BY term
        ON CONFLICT (term) DO UPDATE SET findings = c.findings + EXCLUDED.findings;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER findings_facet_count_inserted AFTER INSERT ON findings_finding
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION findings_facet_count_changed();
CREATE TRIGGER findings_facet_count_updated AFTER UPDATE ON findings_finding
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION findings_facet_count_changed();
CREATE TRIGGER findings_facet_count_deleted AFTER DELETE ON findings_finding
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION findings_facet_count_changed();

INSERT INTO findings_facet_count (term, findings)
SELECT term, count(*)
  FROM findings_finding, unnest(findings_facet_count_terms(facet_terms, published_at)) AS term
 WHERE status = 'published'
 GROUP BY term;
"""

DROP_FACET_COUNT_SQL = """
DROP TRIGGER IF EXISTS findings_facet_count_deleted ON findings_finding;
DROP TRIGGER IF EXISTS findings_facet_count_updated ON findings_finding;
DROP TRIGGER IF EXISTS findings_facet_count_inserted ON findings_finding;
DROP FUNCTION IF EXISTS findings_facet_count_changed();
DROP FUNCTION IF EXISTS findings_facet_count_terms(text[], timestamptz);
DROP TABLE IF EXISTS findings_facet_count;
"""


class Migration(migrations.Migration):
    dependencies = [("findings", "0008_list_orders_and_search_titles")]

    operations = [PostgreSQLOnly(FACET_COUNT_SQL, DROP_FACET_COUNT_SQL)]
