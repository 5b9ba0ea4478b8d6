from django.db import migrations

from findings.migrations._postgresql_only import PostgreSQLOnly

# Every translation is searchable, each stemmed by its own language's text search config; the
# original text (the unsuffixed columns, in the finding's `language`) once, in its language's
# config. Weights as before: title A > summary B > body C. findings/search.py repeats the
# configs (SEARCH_CONFIGS) and the title index's expression (_TitleMatches).
SEARCH_VECTOR_SQL = """
CREATE OR REPLACE FUNCTION findings_finding_search_vector_update() RETURNS trigger AS $$
DECLARE
    original regconfig := CASE NEW.language
        WHEN 'fr' THEN 'pg_catalog.french'::regconfig
        WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
        ELSE 'pg_catalog.english'::regconfig END;
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(original, coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector(original, coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector(original, coalesce(NEW.body, '')), 'C');
    IF NEW.language <> 'en' THEN
        NEW.search_vector := NEW.search_vector ||
            setweight(to_tsvector('pg_catalog.english', coalesce(NEW.title_en, '')), 'A') ||
            setweight(to_tsvector('pg_catalog.english', coalesce(NEW.summary_en, '')), 'B') ||
            setweight(to_tsvector('pg_catalog.english', coalesce(NEW.body_en, '')), 'C');
    END IF;
    IF NEW.language <> 'fr' THEN
        NEW.search_vector := NEW.search_vector ||
            setweight(to_tsvector('pg_catalog.french', coalesce(NEW.title_fr, '')), 'A') ||
            setweight(to_tsvector('pg_catalog.french', coalesce(NEW.summary_fr, '')), 'B') ||
            setweight(to_tsvector('pg_catalog.french', coalesce(NEW.body_fr, '')), 'C');
    END IF;
    IF NEW.language <> 'es' THEN
        NEW.search_vector := NEW.search_vector ||
            setweight(to_tsvector('pg_catalog.spanish', coalesce(NEW.title_es, '')), 'A') ||
            setweight(to_tsvector('pg_catalog.spanish', coalesce(NEW.summary_es, '')), 'B') ||
            setweight(to_tsvector('pg_catalog.spanish', coalesce(NEW.body_es, '')), 'C');
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER findings_finding_search_vector ON findings_finding;
CREATE TRIGGER findings_finding_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, body, language,
        title_en, summary_en, body_en, title_fr, summary_fr, body_fr,
        title_es, summary_es, body_es
    ON findings_finding
    FOR EACH ROW EXECUTE FUNCTION findings_finding_search_vector_update();

UPDATE findings_finding SET title = title;

DROP INDEX finding_title_words_gin;
CREATE INDEX finding_title_words_gin ON findings_finding USING gin ((
    to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig
        WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END, title)
    || to_tsvector('english'::regconfig, coalesce(title_en, ''))
    || to_tsvector('french'::regconfig, coalesce(title_fr, ''))
    || to_tsvector('spanish'::regconfig, coalesce(title_es, ''))
));
"""

ENGLISH_ONLY_SQL = """
CREATE OR REPLACE FUNCTION findings_finding_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('pg_catalog.english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('pg_catalog.english', coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector('pg_catalog.english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER findings_finding_search_vector ON findings_finding;
CREATE TRIGGER findings_finding_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, body ON findings_finding
    FOR EACH ROW EXECUTE FUNCTION findings_finding_search_vector_update();

UPDATE findings_finding SET title = title;

DROP INDEX finding_title_words_gin;
CREATE INDEX finding_title_words_gin ON findings_finding
    USING gin (to_tsvector('english'::regconfig, title));
"""


class Migration(migrations.Migration):

    dependencies = [
        ("findings", "0012_translations"),
    ]

    operations = [
        PostgreSQLOnly(SEARCH_VECTOR_SQL, ENGLISH_ONLY_SQL),
    ]
