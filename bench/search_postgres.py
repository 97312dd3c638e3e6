"""The PostgreSQL backend of ``search.py``: a scratch database with the project's migrations,
the synthetic corpus loaded with COPY, and the ILIKE baseline.

Cases get only their required columns (the search joins ``cases_case`` for the public
condition and ``cases_casefacetvalue`` for the facets; nothing else is read). The GIN index
of ``search_vector`` is dropped before the passages are loaded and created afterwards, the
way a bulk load is normally done; both steps are timed. VACUUM ANALYZE afterwards gives
the planner statistics and index-only scans, as autovacuum would on a live database.
"""

from __future__ import annotations

import contextlib
import operator
import os
import sys
import time
import uuid
from functools import reduce
from pathlib import Path

import numpy as np
import psycopg
from search_corpus import THEMES, Corpus, Query
from search_embedded import CpuClock, query_words, scopes, summarise

SCRATCH = "proeftuin_bench_search"
GIN_SQL = "CREATE INDEX search_passage_vector_gin ON search_passage USING gin (search_vector)"
MAINTENANCE_WORK_MEM = "512MB"
OTHER_STATES = [  # (status, visibility) of the cases that are not published and public
    ("published", "organisation"),
    ("draft", "public"),
    ("in_review", "public"),
    ("draft", "private"),
]


def _admin(url: str) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=True)


def create_database(admin_url: str, name: str) -> None:
    with _admin(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(admin_url: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    with _admin(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(admin_url: str, name: str) -> str:
    base = admin_url.rsplit("/", 1)[0] if admin_url.count("/") > 2 else admin_url
    return f"{base}/{name}"


def setup_django(url: str, name: str, data_dir: Path) -> None:
    """Django on the scratch database only (refuses anything else)."""
    import django

    os.environ.update(
        DATABASE_URL=url,
        CACHE_URL="locmemcache://",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        DATA_DIR=str(data_dir),
        LOG_LEVEL="WARNING",
        JOBS_BACKEND="sync",
        LLM_ENDPOINT_URL="",
        DJANGO_SETTINGS_MODULE="proeftuin.settings",
    )
    django.setup()
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("postgresql") or database["NAME"] != name:
        sys.exit(f"refusing to fill {database['NAME']}: expected the scratch database {name}")


@contextlib.contextmanager
def _timed(timings: dict, key: str):
    started = time.perf_counter()
    yield
    timings[key] = round(time.perf_counter() - started, 1)


def _copy(sql: str, rows) -> None:
    from django.db import connection

    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _case_rows(corpus: Corpus, theme_set: int, owner: int):
    now = _now()
    for case_id in range(1, corpus.cases + 1):
        status, visibility = (
            ("published", "public") if corpus.public[case_id] else OTHER_STATES[case_id % 4]
        )
        yield (
            case_id, uuid.uuid4(), now, now, f"casus-{case_id}", f"Casus {case_id}",
            "Synthetische casus.", 2020, "pilot", status, visibility, theme_set, owner, 1,
        )  # fmt: skip


def _passage_rows(corpus: Corpus):
    now = _now()
    cases = corpus.passage_case
    positions = (np.arange(len(cases)) - np.searchsorted(cases, cases)).tolist()
    for row, case_id in enumerate(cases.tolist()):
        yield (row + 1, "case", case_id, "section", "", positions[row], corpus.texts[row],
               corpus.terms[row], "bench", "", now)  # fmt: skip


def _now():
    from django.utils import timezone

    return timezone.now()


def migrate() -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    return round(time.perf_counter() - started, 1)


def load(corpus: Corpus) -> dict:
    """Cases, facet rows and passages with COPY; then the GIN index and VACUUM ANALYZE."""
    from django.db import connection

    from proeftuin.cases.models import ThemeSet
    from proeftuin.organisations.models import Organisation

    owner = Organisation.objects.create(
        name="Gemeente Proefdam", slug="gemeente-proefdam",
        government_layer="local", organisation_type="municipality",
    )  # fmt: skip
    theme_set = ThemeSet.objects.get(key="casebook").pk
    timings: dict = {}
    with _timed(timings, "cases"):
        _copy(
            "COPY cases_case (id, uuid, created_at, updated_at, slug, title, summary, "
            "year_start, stage, status, visibility, theme_set_id, owner_id, version) FROM STDIN",
            _case_rows(corpus, theme_set, owner.pk),
        )
    with _timed(timings, "facet_values"):
        rows = ((c, k, v) for c in range(1, corpus.cases + 1) for k, v in corpus.facet_pairs(c))
        _copy("COPY cases_casefacetvalue (case_id, facet, value) FROM STDIN", rows)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX search_passage_vector_gin")
    with _timed(timings, "passages_with_tsvector"):
        _copy(
            "COPY search_passage (id, owner_kind, owner_id, kind, label, position, text, terms, "
            "text_hash, embedding_model, created_at) FROM STDIN",
            _passage_rows(corpus),
        )
    with connection.cursor() as cursor:
        with _timed(timings, "gin_index"):
            cursor.execute(f"SET maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
            cursor.execute(GIN_SQL)
        with _timed(timings, "vacuum_analyze"):  # what autovacuum does on a live database
            cursor.execute("VACUUM ANALYZE")
        for table in ("cases_case", "cases_casefacetvalue", "search_passage"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
    return timings


def sizes() -> dict:
    from proeftuin.search.backends.postgres import PostgresBackend

    sql = """SELECT pg_total_relation_size('search_passage'), pg_relation_size('search_passage'),
                    pg_relation_size('search_passage_vector_gin'),
                    pg_total_relation_size('cases_casefacetvalue'),
                    current_setting('shared_buffers'), current_setting('work_mem'),
                    current_setting('max_parallel_workers_per_gather')"""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        total, heap, gin, facets, shared, work, parallel = cursor.fetchone()
    return {
        "search_passage_total_bytes": total,
        "search_passage_heap_bytes": heap,
        "gin_index_bytes": gin,
        "backend_size_bytes": PostgresBackend().size_bytes(),
        "facet_table_bytes": facets,
        "shared_buffers": shared,
        "work_mem": work,
        "max_parallel_workers_per_gather": parallel,
    }


def backend_cpu() -> callable:
    """CPU seconds of the PostgreSQL backend process serving this connection, as a clock."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    tick = os.sysconf("SC_CLK_TCK")

    def seconds() -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tick
        except (OSError, ValueError, IndexError):
            return 0.0

    return seconds


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def ilike_top10(scope, words: list[str]) -> list[int]:
    """The naive database search: ``text ILIKE '%word%'`` for every word, over the same scope."""
    from django.db.models import BooleanField, IntegerField
    from django.db.models.expressions import RawSQL

    from proeftuin.search.backends.database import scope_q
    from proeftuin.search.models import Passage

    patterns = [f"%{_escape_like(word)}%" for word in words]
    matches = [RawSQL("text ILIKE %s", [p], output_field=BooleanField()) for p in patterns]
    found = " + ".join(["(text ILIKE %s)::int"] * len(patterns))
    hits = (
        Passage.objects.filter(scope_q(scope))
        .filter(reduce(operator.or_, matches))
        .annotate(found=RawSQL(found, patterns, output_field=IntegerField()))
        .order_by("-found", "id")
        .values_list("id", flat=True)[:10]
    )
    return list(hits)


def ilike_baseline(corpus: Corpus, queries: list[Query], faceted: bool, extra_cpu) -> dict:
    samples = []
    with CpuClock(extra_cpu) as clock:
        for query in queries:
            started = time.perf_counter()
            scope, _row_scope, _mask = scopes(corpus, query, faceted)
            ilike_top10(scope, query_words(query))
            samples.append((time.perf_counter() - started) * 1000)
    return summarise(samples, clock)


def check_facets(corpus: Corpus) -> None:
    """The loaded facet rows are the corpus's (a cheap sanity check on one theme)."""
    from proeftuin.cases.models import CaseFacetValue

    expected = sum(1 for themes in corpus.themes[1:] if 0 in themes)
    found = CaseFacetValue.objects.filter(facet="theme", value=THEMES[0]).count()
    if found != expected:
        raise AssertionError(f"{THEMES[0]}: {found} facet rows, expected {expected}")
