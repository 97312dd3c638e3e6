"""Ranking without Django: keyword hits, vector hits, and their fusion.

``rank`` is what the search pages, the API, the CLI, the evaluation and the benchmark all
call, so that what is measured is what users get.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .analysis import analyze_query, query_words
from .backends.base import KeywordBackend, Scope
from .fusion import reciprocal_rank_fusion
from .language import looks_english
from .vectors import RowScope, VectorIndex

MODES = ("hybrid", "keyword", "vector")


@dataclass(frozen=True)
class Weights:
    keyword: float = 1.0
    vector: float = 1.0
    rrf_k: float = 60.0
    # Hybrid: a passage found by meaning only must be within this cosine of the best
    # meaning match (0: no limit). Keeps unrelated cases out of the tail of the results.
    vector_margin: float = 0.0
    # Hybrid: the keyword weight is multiplied by coverage ** this power, where coverage is
    # the share of the query's terms found in the best keyword hits. A query whose words
    # are all in a passage keeps its keyword weight; a paraphrase that shares one word with
    # some passage leans on meaning (measured on eval/search: see docs/search-evaluation.md).
    coverage_power: float = 0.0
    # Hybrid and vector: a passage found by meaning only (or only through a part of a compound
    # the user typed, "kern" of "kernfusiereactor") is kept only when its cosine with the
    # query is at least ``meaning_floor``; when no word of the query is found anywhere
    # ("xyzzy", "blockchain") or the query is English, at least ``unmatched_floor``.
    # 0: no limit. Calibrated per model: see ``cutoffs``.
    meaning_floor: float = 0.0
    unmatched_floor: float = 0.0


@dataclass
class Ranked:
    id: int
    score: float
    keyword_rank: int | None = None
    vector_rank: int | None = None
    keyword_score: float | None = None
    vector_score: float | None = None


@dataclass
class Ranking:
    hits: list[Ranked]
    terms: list[str]
    used_vectors: bool
    degraded: list[str] = field(default_factory=list)  # sides that could not be used


def rank(
    query: str,
    *,
    keyword: KeywordBackend | None,
    vectors: VectorIndex | None,
    embed_query: Callable[[str], np.ndarray] | None,
    scope: Scope,
    row_scope: RowScope,
    mode: str = "hybrid",
    limit: int = 10,
    candidates: int = 100,
    weights: Weights = Weights(),
    terms_of: Callable[[list[int]], dict[int, set[str]]] | None = None,
) -> Ranking:
    """The best ``limit`` passages in scope for ``query``.

    Each side fetches ``candidates`` hits; the hybrid fuses them with weighted reciprocal
    rank fusion. Without vectors (none indexed yet, or no provider) a hybrid search is a
    keyword search. ``terms_of`` gives the indexed terms of passages, for the keyword
    coverage (see :class:`Weights`).
    """
    terms = analyze_query(query)
    keyword_hits: list[tuple[int, float]] = []
    vector_hits: list[tuple[int, float]] = []
    use_vectors = (
        mode in ("hybrid", "vector")
        and vectors is not None
        and len(vectors) > 0
        and embed_query is not None
        and query.strip() != ""
        and not scope.empty
    )
    cut = use_vectors and mode != "keyword" and _floors(weights)
    if (mode != "vector" or cut) and keyword is not None and terms and not scope.empty:
        keyword_hits = keyword.search(terms, scope, candidates)
    if use_vectors:
        vector_hits = vectors.search(embed_query(query), candidates, row_scope)
    shown = keyword_hits if mode != "vector" else []
    fused = _fuse(mode, use_vectors, terms, shown, vector_hits, weights, terms_of)
    if cut:  # the words of an English query that occur in the Dutch library say nothing
        english = looks_english(query)
        matching = set() if english else _matching_words(query, terms, keyword_hits, terms_of)
        floor = weights.meaning_floor if matching else weights.unmatched_floor
        fused = _close_enough(fused, matching if mode == "hybrid" else set(), vector_hits, floor)
    return Ranking(_explain(fused[:limit], shown, vector_hits), terms, use_vectors)


def _floors(weights: Weights) -> bool:
    return weights.meaning_floor > 0 or weights.unmatched_floor > 0


def _matching_words(query, terms, keyword_hits, terms_of) -> set[int]:
    """Keyword hits that contain a word the user typed, not only a part of a compound
    (without ``terms_of``: all keyword hits)."""
    ids = [pid for pid, _ in keyword_hits]
    words = set(query_words(query))
    if terms_of is None or words >= set(terms):  # no compound parts in the query
        return set(ids)
    return {pid for pid, found in terms_of(ids).items() if found & words}


def _close_enough(fused, matching, vector_hits, floor: float):
    """The fused hits that match a typed word, or whose meaning is at least ``floor`` close."""
    similarity = dict(vector_hits)
    return [
        (pid, score)
        for pid, score in fused
        if pid in matching or similarity.get(pid, -1.0) >= floor
    ]


def _fuse(mode, use_vectors, terms, keyword_hits, vector_hits, weights, terms_of):
    """One ranking: a single side, or both through weighted reciprocal rank fusion."""
    if mode == "keyword" or not use_vectors:
        return list(keyword_hits)
    if mode == "vector":
        return list(vector_hits)
    return reciprocal_rank_fusion(
        {
            "keyword": [p for p, _ in keyword_hits],
            "vector": _within_margin(vector_hits, weights),
        },
        {
            "keyword": weights.keyword * _coverage(terms, keyword_hits, terms_of, weights),
            "vector": weights.vector,
        },
        k=weights.rrf_k,
    )


COVERAGE_HITS = 3


def _coverage(terms, keyword_hits, terms_of, weights: Weights) -> float:
    """(share of the query terms in the best-covering of the top keyword hits) ** power."""
    if not weights.coverage_power or terms_of is None or not keyword_hits or not terms:
        return 1.0
    found = terms_of([pid for pid, _ in keyword_hits[:COVERAGE_HITS]])
    wanted = set(terms)
    share = max((len(wanted & t) / len(wanted) for t in found.values()), default=0.0)
    return share**weights.coverage_power


def _within_margin(vector_hits, weights: Weights) -> list[int]:
    if not vector_hits or weights.vector_margin <= 0:
        return [p for p, _ in vector_hits]
    floor = vector_hits[0][1] - weights.vector_margin
    return [p for p, score in vector_hits if score >= floor]


def _explain(fused, keyword_hits, vector_hits) -> list[Ranked]:
    keyword_at = {pid: (i, s) for i, (pid, s) in enumerate(keyword_hits, start=1)}
    vector_at = {pid: (i, s) for i, (pid, s) in enumerate(vector_hits, start=1)}
    hits = []
    for pid, score in fused:
        k_rank, k_score = keyword_at.get(pid, (None, None))
        v_rank, v_score = vector_at.get(pid, (None, None))
        hits.append(Ranked(pid, score, k_rank, v_rank, k_score, v_score))
    return hits
