"""PostgreSQL only: a generated tsvector column and its GIN index for keyword search.

Words of the text through the ``dutch`` configuration plus the analysed terms
(``terms``: newer Dutch stemmer and compound parts) through ``simple``. Other databases use
the embedded tantivy index instead.
"""

from django.db import migrations

ADD = """
ALTER TABLE search_passage ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('dutch'::regconfig, coalesce(text, '')) ||
    to_tsvector('simple'::regconfig, coalesce(terms, ''))
) STORED;
CREATE INDEX search_passage_vector_gin ON search_passage USING gin (search_vector);
"""
DROP = """
DROP INDEX IF EXISTS search_passage_vector_gin;
ALTER TABLE search_passage DROP COLUMN IF EXISTS search_vector;
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(ADD), _run(DROP))]
