"""An in-memory vector index over passages, with the scope applied inside the search.

Small collections use exact inner-product search (faiss ``IndexFlatIP``); from
``IVF_THRESHOLD`` vectors on, an inverted-file index with 8-bit scalar quantisation
(``IndexIVFScalarQuantizer``): a quarter of the memory of float32 and a few lists scanned per
query. pgvector is not available on Debian bookworm, so both database backends use this.

Rows are numbered in insertion order; faiss sees row numbers, ``ids`` maps them to passage
ids. A passage is in scope when its row is alive and its owner (an id of a searchable kind)
is allowed; the allowed rows go to faiss as a bitmap selector, so a narrow scope never starves
the result list. When the scope is narrow, every list is scanned (still exact on the
quantised vectors).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import faiss
import numpy as np

IVF_THRESHOLD = 100_000
TRAIN_SAMPLE = 100_000
TRAIN_PER_LIST = 40
NARROW_SCOPE = 0.05  # below this share of rows in scope, probe every list


def _nlist(n: int) -> int:
    return int(min(8192, max(64, 4 * np.sqrt(n))))


@dataclass
class RowScope:
    """Allowed owners per searchable kind, as boolean arrays indexed by id.

    ``kinds[key]`` is ``None`` when every object of that kind is allowed; a kind that is
    not listed is not allowed at all."""

    kinds: dict[str, np.ndarray | None] = field(default_factory=dict)
    everything: bool = False


class VectorIndex:
    def __init__(self, dimension: int, *, nprobe: int = 16, threads: int = 1):
        self.dimension = dimension
        self.nprobe = nprobe
        self.threads = threads
        self.ids = np.zeros(0, dtype=np.int64)
        self.kinds = np.zeros(0, dtype=np.int16)  # code of the owner's kind; -1: none
        self.owners = np.zeros(0, dtype=np.int64)  # owner id + 1; 0: none
        self.codes: dict[str, int] = {}  # kind key → code
        self.alive = np.zeros(0, dtype=bool)
        self.row_of: dict[int, int] = {}
        self.index: faiss.Index = faiss.IndexFlatIP(dimension)
        self._lock = threading.RLock()

    # -- building --------------------------------------------------------------------------
    @classmethod
    def build(cls, dimension: int, ids, vectors, kinds, owners, **options) -> VectorIndex:
        """A fresh index over all rows; IVF when there are many."""
        index = cls(dimension, **options)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dimension)
        if len(ids) >= IVF_THRESHOLD:
            index.index = index._trained_ivf(vectors)
        index.add(ids, vectors, kinds, owners)
        return index

    def _trained_ivf(self, vectors: np.ndarray) -> faiss.Index:
        nlist = _nlist(len(vectors))
        quantizer = faiss.IndexFlatIP(self.dimension)
        ivf = faiss.IndexIVFScalarQuantizer(
            quantizer,
            self.dimension,
            nlist,
            faiss.ScalarQuantizer.QT_8bit,
            faiss.METRIC_INNER_PRODUCT,
        )
        rng = np.random.default_rng(0)
        sample = vectors
        wanted = max(TRAIN_SAMPLE, TRAIN_PER_LIST * nlist)  # faiss wants ~39 points per list
        if len(vectors) > wanted:
            sample = vectors[rng.choice(len(vectors), wanted, replace=False)]
        faiss.omp_set_num_threads(max(1, self.threads))
        ivf.train(sample)
        ivf.nprobe = self.nprobe
        return ivf

    def add(self, ids: Sequence[int], vectors, kinds: Sequence, owners: Sequence) -> None:
        """Append rows (``kinds`` and ``owners``: each row's owner, or ``None``); a passage
        id seen before replaces its earlier row."""
        if not len(ids):
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        ids = np.asarray(ids, dtype=np.int64)
        with self._lock:
            self.remove(ids)
            start = len(self.ids)
            self.index.add(vectors)
            self.ids = np.concatenate([self.ids, ids])
            self.kinds = np.concatenate([self.kinds, self._codes(kinds)])
            self.owners = np.concatenate([self.owners, _owner(owners)])
            self.alive = np.concatenate([self.alive, np.ones(len(ids), dtype=bool)])
            self.row_of.update(zip(ids.tolist(), range(start, start + len(ids)), strict=True))

    def _codes(self, kinds: Sequence) -> np.ndarray:
        for key in kinds:
            if key is not None and key not in self.codes:
                self.codes[key] = len(self.codes)
        return np.asarray([-1 if k is None else self.codes[k] for k in kinds], dtype=np.int16)

    def remove(self, ids) -> None:
        with self._lock:
            for passage_id in np.asarray(ids).tolist():
                row = self.row_of.pop(passage_id, None)
                if row is not None:
                    self.alive[row] = False

    def __len__(self) -> int:
        return int(self.alive.sum())

    @property
    def dead_share(self) -> float:
        return 0.0 if not len(self.alive) else 1 - len(self) / len(self.alive)

    def memory_bytes(self) -> int:
        per_vector = self.dimension if self.is_ivf else 4 * self.dimension
        return len(self.ids) * (per_vector + 8 * 2 + 2 + 1) + 64 * len(self.row_of)

    @property
    def is_ivf(self) -> bool:
        return isinstance(self.index, faiss.IndexIVF)

    # -- searching -------------------------------------------------------------------------
    def _rows_in_scope(self, scope: RowScope) -> np.ndarray:
        rows = self.alive.copy()
        if scope.everything:
            return rows
        allowed = np.zeros(len(rows), dtype=bool)
        for key, ids in scope.kinds.items():
            code = self.codes.get(key)
            if code is None:
                continue
            mine = (self.kinds == code) & (self.owners > 0)
            allowed |= mine if ids is None else mine & _lookup(ids, self.owners)
        return rows & allowed

    def search(
        self, query: np.ndarray, limit: int, scope: RowScope | None = None
    ) -> list[tuple[int, float]]:
        """Passage ids in scope nearest to ``query`` (cosine for normalised vectors)."""
        with self._lock:
            if not len(self.ids) or limit <= 0:
                return []
            rows = self._rows_in_scope(scope or RowScope(everything=True))
            in_scope = int(rows.sum())
            if not in_scope:
                return []
            packed = np.packbits(rows, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(rows), faiss.swig_ptr(packed))
            if self.is_ivf:
                narrow = in_scope < NARROW_SCOPE * len(rows)
                params = faiss.SearchParametersIVF(
                    sel=selector, nprobe=self.index.nlist if narrow else self.nprobe
                )
            else:
                params = faiss.SearchParameters(sel=selector)
            query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
            scores, found = self.index.search(query, min(limit, in_scope), params=params)
        return [
            (int(self.ids[row]), float(score))
            for score, row in zip(scores[0], found[0], strict=True)
            if row >= 0
        ]


def _owner(values: Sequence) -> np.ndarray:
    return np.asarray([0 if v is None else int(v) + 1 for v in values], dtype=np.int64)


def _lookup(allowed: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """``allowed[owner - 1]`` per row; rows without an owner or beyond the array: False."""
    padded = np.concatenate([[False], np.asarray(allowed, dtype=bool)])
    safe = np.where(owners < len(padded), owners, 0)
    return padded[safe]
