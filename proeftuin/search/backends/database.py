"""The keyword search of last resort: the analysed ``terms`` of ``search_passage`` rows.

Used while the configured keyword index cannot be used (a missing or damaged tantivy
folder being rebuilt, or a failing PostgreSQL full-text query). The passage rows are the
source of truth, so this finds everything the index would; it ranks more simply (the sum
of the BM25 weights of the query terms a passage contains) and scans the rows in scope, so
it is slower on large installations. It is not registered as a backend of its own.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from functools import reduce

from django.db.models import Case, Count, FloatField, Q, TextField, Value, When
from django.db.models.functions import Concat

from .base import Scope


def scope_q(scope: Scope) -> Q | None:
    """The passages ``scope`` allows, as a condition on ``Passage``; ``None``: none at all."""
    from proeftuin.core.service import searchables

    condition = Q()
    if not scope.everything:
        allowed = []
        if scope.public:
            allowed += [
                Q(owner_kind=kind.key, owner_id__in=kind.public().values("id"))
                for kind in searchables
                if kind.public is not None
            ]
        allowed += [
            Q(owner_kind=key, owner_id__in=sorted(ids))
            for key, ids in sorted(scope.owners.items())
            if ids
        ]
        if not allowed:
            return None
        condition = reduce(operator.or_, allowed)
    for key, values in scope.facets.items():
        having = [
            Q(owner_kind=kind.key, owner_id__in=kind.faceting.having(key, list(values)))
            for kind in searchables
            if kind.faceting is not None
        ]
        condition &= reduce(operator.or_, having, Q(pk__in=[]))
    return condition


def _idf(total: int, matching: int) -> float:
    return math.log(1 + (total - matching + 0.5) / (matching + 0.5))


class DatabaseBackend:
    """Ranked OR search over ``Passage.terms`` (whole terms, as the index matches them)."""

    name = "database"

    def search(self, terms: Sequence[str], scope: Scope, limit: int) -> list[tuple[int, float]]:
        from proeftuin.search.models import Passage

        terms = list(dict.fromkeys(t for t in terms if t))
        condition = scope_q(scope)
        if not terms or limit <= 0 or condition is None:
            return []
        padded = Concat(Value(" "), "terms", Value(" "), output_field=TextField())
        has = [Q(padded__contains=f" {term} ") for term in terms]
        rows = Passage.objects.alias(padded=padded).filter(condition)
        counts = rows.aggregate(
            total=Count("pk"), **{f"t{i}": Count("pk", filter=q) for i, q in enumerate(has)}
        )
        weights = [_idf(counts["total"], counts[f"t{i}"]) for i in range(len(has))]
        score = reduce(
            operator.add,
            [
                Case(When(q, then=Value(w)), default=Value(0.0), output_field=FloatField())
                for q, w in zip(has, weights, strict=True)
            ],
        )
        hits = (
            rows.filter(reduce(operator.or_, has))
            .annotate(score=score)
            .order_by("-score", "id")
            .values_list("id", "score")[:limit]
        )
        return [(int(pid), float(value)) for pid, value in hits]
