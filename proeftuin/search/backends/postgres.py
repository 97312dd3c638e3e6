"""The PostgreSQL keyword backend: the ``search_vector`` column of the passages is the index.

Migration ``search.0002`` adds ``search_vector`` to ``search_passage`` as a generated column
(the text through the ``dutch`` configuration plus the analysed ``terms`` through
``simple``) with a GIN index. PostgreSQL keeps both up to date whenever a passage row is
written, so there is nothing to index here: :meth:`add`, :meth:`remove`,
:meth:`remove_owner` and :meth:`clear` do nothing, and writing, deleting or rebuilding
``Passage`` rows *is* indexing.

Queries arrive as analysed terms (our stems and compound parts), so they are matched against
the ``simple`` half: each term becomes ``plainto_tsquery('simple', term)`` (a bound
parameter, so quotes, ``&``, ``:`` or ``\\`` in a term are just text) and the terms are OR-ed.
The functions are immutable with constant arguments, so PostgreSQL folds the whole tsquery
once at plan time instead of per row. Hits are ranked with ``ts_rank`` (normalisation 32:
``rank / (rank + 1)``); ``ts_rank_cd`` was slower on 1M passages (p95 2.2 s against 1.4 s
over all public cases, 92 against 76 ms with two facets; bench/search.py). The scope
becomes ``owner_id IN (...)`` conditions on the same query, as in the tantivy backend.

Every matching row is ranked (a GIN index has no top-k), so a query with frequent words
over a broad scope costs in proportion to the number of matches: seconds at 1M passages.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Sequence
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Value
from django.db.models.expressions import RawSQL

from .base import IndexDoc, Scope, keyword_backends
from .database import scope_q

GIN_INDEX = "search_passage_vector_gin"
NORMALISATION = 32  # rank / (rank + 1): scores between 0 and 1
COVER_DENSITY = False  # ts_rank; True: ts_rank_cd


def _tsquery(terms: Sequence[str]) -> SearchQuery:
    """``plainto_tsquery('simple', t1) || plainto_tsquery('simple', t2) || ...``."""
    parts = [SearchQuery(term, config="simple", search_type="plain") for term in terms]
    return reduce(operator.or_, parts)


@keyword_backends.register("postgres")
class PostgresBackend:
    name = "postgres"

    def __init__(self, path: str | os.PathLike | None = None, *, using: str = DEFAULT_DB_ALIAS):
        """``path`` is accepted (and ignored) so that every backend is built the same way."""
        self.using = using

    # -- writing: the passage rows are the index ---------------------------------------------
    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Nothing to do: ``search_vector`` is generated when the passage row is written."""

    def remove(self, ids: Iterable[int]) -> None:
        """Nothing to do: deleting the passage row removes it from the GIN index."""

    def remove_owner(self, kind: str, owner: int) -> None:
        """Nothing to do: the passages of a deleted object go with their rows."""

    def clear(self) -> None:
        """Nothing to do: the index is rebuilt by rewriting the passage rows."""

    def check(self) -> None:
        """Nothing to check: the index is part of the database."""

    # -- reading -----------------------------------------------------------------------------
    def search(self, terms: Sequence[str], scope: Scope, limit: int) -> list[tuple[int, float]]:
        from proeftuin.search.models import Passage

        terms = list(dict.fromkeys(t for t in terms if t))
        condition = scope_q(scope)
        if not terms or limit <= 0 or condition is None:
            return []
        query = _tsquery(terms)
        vector = RawSQL(f'"{Passage._meta.db_table}"."search_vector"', [], SearchVectorField())
        rank = SearchRank(
            vector,
            query,
            normalization=Value(NORMALISATION),
            cover_density=COVER_DENSITY,
        )
        hits = (
            Passage.objects.using(self.using)
            .alias(vector=vector)
            .filter(condition, vector=query)
            .annotate(rank=rank)
            .order_by("-rank", "id")
            .values_list("id", "rank")[:limit]
        )
        return [(int(pid), float(score)) for pid, score in hits]

    def size_bytes(self) -> int:
        """The GIN index plus the ``search_vector`` column's share of the table (estimated
        from the planner statistics: average stored width times rows)."""
        sql = """
            SELECT pg_relation_size(%s::regclass)
                + coalesce((SELECT s.avg_width FROM pg_stats s
                            WHERE s.tablename = 'search_passage'
                              AND s.attname = 'search_vector'
                              AND s.schemaname = current_schema()), 0)
                * greatest((SELECT c.reltuples FROM pg_class c
                            WHERE c.oid = 'search_passage'::regclass), 0)
        """
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, [GIN_INDEX])
            return int(cursor.fetchone()[0])

    def count(self) -> int:
        from proeftuin.search.models import Passage

        return Passage.objects.using(self.using).count()
