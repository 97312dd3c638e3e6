"""The embedded backend of ``search.py``: tantivy and the in-memory vector index, the query
loop shared with the PostgreSQL backend, and the naive substring baseline."""

from __future__ import annotations

import heapq
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from search_corpus import Corpus, Query
from server import machine_busy_seconds

from proeftuin.search.backends.base import IndexDoc, KeywordBackend, Scope
from proeftuin.search.backends.tantivy import TantivyBackend
from proeftuin.search.engine import rank
from proeftuin.search.vectors import RowScope, VectorIndex

ADD_CHUNK = 100_000


def rss_bytes(peak: bool = False) -> int:
    """This process's resident memory (VmRSS) or its peak so far (VmHWM), from /proc."""
    key = "VmHWM:" if peak else "VmRSS:"
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) * 1024
    return 0


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _docs(corpus: Corpus, start: int, end: int, pairs: list[tuple[str, ...]]):
    for row in range(start, end):
        case_id = int(corpus.passage_case[row])
        yield IndexDoc(
            id=row + 1,
            terms=corpus.terms[row].split(),
            kind="case",
            owner=case_id,
            public=bool(corpus.public[case_id]),
            facets=pairs[case_id],
        )


def build_keyword(corpus: Corpus, folder: Path) -> tuple[TantivyBackend, dict]:
    """A tantivy index of every passage, added in chunks of ADD_CHUNK (one commit each)."""
    pairs = [tuple(f"{k}={v}" for k, v in corpus.facet_pairs(c)) for c in range(corpus.cases + 1)]
    rss = rss_bytes()
    started = time.perf_counter()
    backend = TantivyBackend(folder)
    for start in range(0, len(corpus.terms), ADD_CHUNK):
        backend.add(_docs(corpus, start, min(start + ADD_CHUNK, len(corpus.terms)), pairs))
    seconds = time.perf_counter() - started
    return backend, {
        "seconds": round(seconds, 1),
        "documents": backend.count(),
        "size_bytes": backend.size_bytes(),
        "folder_bytes": folder_bytes(folder),
        "rss_growth_bytes": rss_bytes() - rss,
    }


def build_vectors(corpus: Corpus, threads: int, nprobe: int) -> tuple[VectorIndex, dict]:
    rss, peak = rss_bytes(), rss_bytes(peak=True)
    started = time.perf_counter()
    ids = np.arange(1, len(corpus.passage_case) + 1)
    kinds = ["case"] * len(ids)
    index = VectorIndex.build(
        corpus.vectors.shape[1], ids, corpus.vectors, kinds, corpus.passage_case,
        nprobe=nprobe, threads=threads,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    return index, {
        "seconds": round(seconds, 1),
        "kind": type(index.index).__name__,
        "lists": getattr(index.index, "nlist", None),
        "nprobe": nprobe,
        "threads": threads,
        "memory_bytes": index.memory_bytes(),
        "rss_growth_bytes": rss_bytes() - rss,
        "peak_rss_growth_bytes": max(0, rss_bytes(peak=True) - peak),
    }


# -- scopes and the query loop --------------------------------------------------------------
def scopes(corpus: Corpus, query: Query, faceted: bool) -> tuple[Scope, RowScope, np.ndarray]:
    """The keyword scope, the vector scope and the case mask of one query, as an anonymous
    visitor gets them from ``proeftuin.search.scope.user_scope`` (public cases only)."""
    if not faceted:
        mask = corpus.case_mask()
        return Scope(public=True), RowScope(kinds={"case": mask}), mask
    mask = corpus.case_mask(query.province, query.theme)
    facets = {"province": (query.province,), "theme": (query.theme,)}
    return Scope(public=True, facets=facets), RowScope(kinds={"case": mask}), mask


class CpuClock:
    """Wall time, this process's CPU time, and other processes' CPU time (machine minus us
    minus ``extra``, e.g. the PostgreSQL backend serving us) over a measurement."""

    def __init__(self, extra: Callable[[], float] = lambda: 0.0):
        self.extra = extra

    def __enter__(self) -> CpuClock:
        self.start = (time.perf_counter(), time.process_time(), self.extra(), _busy())
        return self

    def __exit__(self, *exc) -> None:
        wall, own, extra, busy = (time.perf_counter(), time.process_time(), self.extra(), _busy())
        self.wall = wall - self.start[0]
        self.cpu = own - self.start[1] + extra - self.start[2]
        self.other_cores = max(0.0, (busy - self.start[3]) - self.cpu) / max(self.wall, 1e-9)


def _busy() -> float:
    return machine_busy_seconds() or 0.0


def latencies(
    corpus: Corpus,
    queries: list[Query],
    *,
    keyword: KeywordBackend,
    vectors: VectorIndex,
    mode: str,
    faceted: bool,
    extra_cpu: Callable[[], float] = lambda: 0.0,
) -> dict:
    """Per query: scope building plus ``engine.rank`` (limit 10, 100 candidates a side)."""
    samples, hits, in_scope = [], 0, 0
    with CpuClock(extra_cpu) as clock:
        for query in queries:
            started = time.perf_counter()
            scope, row_scope, mask = scopes(corpus, query, faceted)
            ranking = rank(
                query.text, keyword=keyword, vectors=vectors,
                embed_query=lambda _text, v=query.vector: v,
                scope=scope, row_scope=row_scope, mode=mode, limit=10, candidates=100,
            )  # fmt: skip
            samples.append((time.perf_counter() - started) * 1000)
            hits += len(ranking.hits)
            in_scope += int(mask[corpus.passage_case].sum()) if faceted else 0
    return summarise(samples, clock) | {
        "mean_hits": round(hits / len(queries), 2),
        "passages_in_scope_share": in_scope / len(queries) / len(corpus.passage_case),
    }


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(np.ceil(fraction * len(ordered))) - 1))]


def summarise(samples: list[float], clock: CpuClock) -> dict:
    return {
        "queries": len(samples),
        "p50_ms": round(percentile(samples, 0.50), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "mean_ms": round(sum(samples) / len(samples), 2),
        "max_ms": round(max(samples), 2),
        "cpu_ms_per_query": round(clock.cpu * 1000 / len(samples), 2),
        "other_processes_cores": round(clock.other_cores, 2),
    }


# -- the naive baseline ---------------------------------------------------------------------
def query_words(query: Query) -> list[str]:
    return list(dict.fromkeys(query.text.lower().split()))


def substring_top10(lowered: list[str], rows: np.ndarray, words: list[str]) -> list[int]:
    """Passage ids among ``rows`` containing most of ``words`` as substrings (Python ``in``)."""
    scored = []
    for row in rows.tolist():
        text = lowered[row]
        found = sum(1 for word in words if word in text)
        if found:
            scored.append((found, -row))
    return [1 - negative for _found, negative in heapq.nlargest(10, scored)]


def substring_baseline(corpus: Corpus, lowered: list[str], queries: list[Query], faceted) -> dict:
    """The scan a search box without an index would do: the passages in scope (the same
    case mask as the indexes get), each checked for every query word."""
    samples = []
    with CpuClock() as clock:
        for query in queries:
            started = time.perf_counter()
            _scope, _row_scope, mask = scopes(corpus, query, faceted)
            rows = np.flatnonzero(mask[corpus.passage_case])
            substring_top10(lowered, rows, query_words(query))
            samples.append((time.perf_counter() - started) * 1000)
    return summarise(samples, clock)


def cores() -> int:
    return os.cpu_count() or 1
