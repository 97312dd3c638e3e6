"""The product's search over the evaluation passages, for eval/search.py.

The passages are indexed the way the product indexes passages (tantivy over ``analyze``,
a ``VectorIndex`` over the provider's vectors) and every query goes through
``proeftuin.search.engine.rank``. Embeddings are cached in ``eval/.cache/``.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EVAL = Path(__file__).resolve().parent
sys.path.insert(0, str(EVAL))
sys.path.insert(0, str(EVAL.parent))

from search_passages import Passage  # noqa: E402

import proeftuin.conf.search as search_settings  # noqa: E402
from proeftuin.search import engine  # noqa: E402
from proeftuin.search.analysis import analyze  # noqa: E402
from proeftuin.search.backends.base import IndexDoc, Scope  # noqa: E402
from proeftuin.search.backends.tantivy import TantivyBackend  # noqa: E402
from proeftuin.search.embeddings import Provider  # noqa: E402
from proeftuin.search.vectors import RowScope, VectorIndex  # noqa: E402

CACHE = EVAL / ".cache"

# Defaults: the product's settings when they exist, else the defaults of engine.rank.
DEFAULT_CANDIDATES = getattr(
    search_settings,
    "SEARCH_CANDIDATES",
    inspect.signature(engine.rank).parameters["candidates"].default,
)
DEFAULT_WEIGHTS = engine.Weights(
    keyword=getattr(search_settings, "SEARCH_KEYWORD_WEIGHT", engine.Weights().keyword),
    vector=getattr(search_settings, "SEARCH_VECTOR_WEIGHT", engine.Weights().vector),
    rrf_k=getattr(search_settings, "SEARCH_RRF_K", engine.Weights().rrf_k),
    vector_margin=getattr(search_settings, "SEARCH_VECTOR_MARGIN", 0.0),
    coverage_power=getattr(search_settings, "SEARCH_KEYWORD_COVERAGE_POWER", 0.0),
)


# --------------------------------------------------------------------------------------------
# Embedding cache: only an accelerator, recomputed when missing.


class EmbeddingCache:
    """Vectors of one provider by sha256(model id, role, text), kept in one ``.npz`` file."""

    def __init__(self, provider: Provider, directory: Path = CACHE):
        self.provider = provider
        slug = re.sub(r"[^\w.-]+", "_", provider.model_id)
        self.path = directory / f"embeddings-{slug}.npz"
        self.vectors = self._load()
        self.dirty = False

    def _load(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.path) as data:
                return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        except (OSError, ValueError, KeyError):  # missing or unreadable: start afresh
            return {}

    def save(self) -> None:
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.vectors)
        partial = self.path.with_name(self.path.stem + ".partial.npz")
        np.savez(partial, keys=np.array(keys), vectors=np.stack([self.vectors[k] for k in keys]))
        partial.replace(self.path)
        self.dirty = False

    def _key(self, role: str, text: str) -> str:
        return hashlib.sha256(f"{self.provider.model_id}\n{role}\n{text}".encode()).hexdigest()

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key("passage", t) for t in texts]
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}
        if missing:
            print(f"embedding {len(missing)} passages (cached in {self.path.parent}) ...",
                  file=sys.stderr, flush=True)  # fmt: skip
            vectors = self.provider.embed_passages(list(missing.values()))
            self.vectors.update(zip(missing, vectors, strict=True))
            self.dirty = True
            self.save()
        return np.stack([self.vectors[k] for k in keys])

    def query(self, text: str) -> np.ndarray:
        key = self._key("query", text)
        if key not in self.vectors:
            self.vectors[key] = self.provider.embed_query(text)
            self.dirty = True
        return self.vectors[key]


# --------------------------------------------------------------------------------------------
# The product's search over the evaluation passages.


@dataclass(frozen=True)
class Config:
    """How the modes are run: rank's candidates and the hybrid's fusion weights."""

    candidates: int = DEFAULT_CANDIDATES
    weights: engine.Weights = DEFAULT_WEIGHTS


class ProductSearch:
    """The passages in a tantivy index and a vector index, searched with ``engine.rank``.

    Passage ``i`` of ``passages`` gets the integer id ``i`` in both indexes. Corpus passages
    have no label (theme, lesson kind), so the indexed and embedded text is the passage text.
    """

    def __init__(
        self, passages: Sequence[Passage], folder: Path, provider: Provider, cache_dir=CACHE
    ):
        self.ids = [p.id for p in passages]
        self.cache = EmbeddingCache(provider, cache_dir)
        self.keyword = TantivyBackend(folder / "tantivy")
        analysed = [analyze(p.text) for p in passages]
        self.terms = [set(terms) for terms in analysed]
        self.keyword.add(
            IndexDoc(id=i, terms=terms, public=True) for i, terms in enumerate(analysed)
        )
        rows = list(range(len(passages)))
        self.vectors = VectorIndex.build(
            provider.dimension,
            rows,
            self.cache.passages([p.text for p in passages]),
            [None] * len(rows),
            [None] * len(rows),
        )

    def search(self, query: str, mode: str, k: int, config: Config) -> list[str]:
        ranking = engine.rank(
            query,
            keyword=self.keyword,
            vectors=self.vectors,
            embed_query=self.cache.query,
            scope=Scope(everything=True),
            row_scope=RowScope(everything=True),
            mode=mode,
            limit=k,
            candidates=config.candidates,
            weights=config.weights,
            terms_of=lambda ids: {i: self.terms[i] for i in ids},
        )
        return [self.ids[hit.id] for hit in ranking.hits]

    def ranker(self, mode: str, config: Config) -> Callable[[str, int], list[str]]:
        return lambda query, k: self.search(query, mode, k, config)
