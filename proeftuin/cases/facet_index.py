"""Facet counts from an in-memory bitmap index of ``CaseFacetValue``.

Each (facet, value) becomes a Python integer used as a bitmap over case ids, so counting a
value among the filtered cases is one AND and one popcount. The index is built once per
generation of the content it is built from (``DEPENDS_ON``, see ``core.generation``) in
each worker process.
Which cases a user may see still comes from ``CaseQuerySet.visible_to``.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.auth.models import AnonymousUser

from proeftuin.cases.facets import facets
from proeftuin.cases.models import Case, CaseFacetValue
from proeftuin.cases.querysets import PUBLISHED_PUBLIC, visibility_q
from proeftuin.core.service import bits as bitmap  # one id set as the bits of an int
from proeftuin.core.service import content_generation

# Facet rows and theme choices are cases content; the domain choices are organisations'.
DEPENDS_ON = ("cases", "organisations")
_lock = threading.Lock()
_current: FacetIndex | None = None


@dataclass
class FacetIndex:
    generation: str
    values: dict[str, dict[str, int]] = field(default_factory=dict)
    public: int = 0
    everything: int = 0
    choices: dict[str, list] = field(default_factory=dict)


def _library():
    """The cases the library and search may show at all: not deleted, not archived."""
    return Case.objects.filter(deleted_at__isnull=True).in_library()


def _build(generation: str) -> FacetIndex:
    ids: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = CaseFacetValue.objects.values_list("facet", "value", "case_id")
    for facet, value, case_id in rows.iterator(chunk_size=20_000):
        ids[facet][value].append(case_id)
    return FacetIndex(
        generation=generation,
        values={f: {v: bitmap(c) for v, c in values.items()} for f, values in ids.items()},
        public=bitmap(Case.objects.visible_to(AnonymousUser()).values_list("id", flat=True)),
        everything=bitmap(_library().values_list("id", flat=True)),
        choices={f.key: f.choices() for f in facets},
    )


def facet_index() -> FacetIndex:
    global _current
    generation = content_generation(*DEPENDS_ON)
    index = _current
    if index is None or index.generation != generation:
        with _lock:
            index = _current
            if index is None or index.generation != generation:
                index = _current = _build(generation)
    return index


def visible_bitmap(user, index: FacetIndex) -> int:
    """The cases ``user`` may see in the library and search: the public ones plus what
    ``visible_to`` adds for them (archived cases left out)."""
    condition = visibility_q(user)
    if condition is None:
        return index.everything
    if condition == PUBLISHED_PUBLIC:
        return index.public
    extra = _library().filter(condition).exclude(PUBLISHED_PUBLIC).values_list("id", flat=True)
    return index.public | bitmap(extra)


def chosen_bitmaps(index: FacetIndex, selection: dict[str, list[str]]) -> dict[str, int]:
    """Per active facet: the cases having any of the chosen values."""
    return {
        key: reduce(int.__or__, (index.values.get(key, {}).get(v, 0) for v in values), 0)
        for key, values in selection.items()
        if values
    }


def count_values(index: FacetIndex, key: str, scope: int) -> dict[str, int]:
    counts = {}
    for value, cases in index.values.get(key, {}).items():
        n = (cases & scope).bit_count()
        if n:
            counts[value] = n
    return counts
