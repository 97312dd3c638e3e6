"""The indexes of this process: the keyword backend and the in-memory vector index.

The database is the source of truth (``Passage`` rows with their terms and embeddings);
the tantivy folder and the vector index are derived from it. Each process keeps its vector
index in memory and brings it up to date before a search: new embeddings are added, and
after many removals (``SearchState.removed``) it is rebuilt.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection

from . import health
from .backends import keyword_backends
from .backends.base import KeywordBackend
from .embeddings import EmbeddingError, Provider, get_provider
from .models import Passage, SearchState
from .vectors import VectorIndex

logger = logging.getLogger("proeftuin.search")
REBUILD_SHARE = 0.2  # rebuild the vector index when this share of its rows was removed
_lock = threading.Lock()
_keyword: dict[tuple, KeywordBackend] = {}
_vectors: dict[str, _Loaded] = {}


def backend_name() -> str:
    name = settings.SEARCH_BACKEND
    if name == "auto":
        return "postgres" if connection.vendor == "postgresql" else "tantivy"
    return name


def index_dir() -> Path:
    return Path(settings.SEARCH_INDEX_DIR or Path(settings.DATA_DIR) / "search")


def keyword_backend() -> KeywordBackend:
    name = backend_name()
    key = (name, str(index_dir()))
    with _lock:
        if key not in _keyword:
            backend = keyword_backends[name]
            _keyword[key] = backend(index_dir(), create=False) if name == "tantivy" else backend()
        return _keyword[key]


def provider() -> Provider | None:
    """The configured embedding provider, or ``None`` when it cannot be built."""
    try:
        return get_provider()
    except EmbeddingError:
        return None


def _state() -> SearchState:
    state, _created = SearchState.objects.get_or_create(pk=1)
    return state


def embedded_rows(model_id: str, since=None):
    rows = Passage.objects.embedded_with(model_id)
    if since is not None:
        rows = rows.filter(embedded_at__gt=since)
    return rows.values_list("id", "owner_kind", "owner_id", "embedding", "embedded_at")


def _load(rows, dimension: int):
    """The rows as arrays; embeddings of the wrong length (damaged) are left out and queued
    to be embedded again."""
    ids, kinds, owners, vectors, latest, unreadable = [], [], [], [], None, []
    for pid, kind, owner, blob, embedded_at in rows.iterator(chunk_size=5000):
        latest = embedded_at if latest is None or embedded_at > latest else latest
        if blob is None or len(blob) != 2 * dimension:
            unreadable.append(pid)
            continue
        ids.append(pid)
        kinds.append(kind)
        owners.append(owner)
        vectors.append(np.frombuffer(bytes(blob), dtype=np.float16))
    health.queue_embedding_repair(unreadable)
    matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, dimension))
    return ids, matrix, kinds, owners, latest


@dataclass
class _Loaded:
    index: VectorIndex
    latest: object  # embedded_at of the newest row loaded
    removed: int  # SearchState.removed when built
    token: object

    def stale(self, state: SearchState) -> bool:
        allowed = REBUILD_SHARE * max(len(self.index), 1)
        return self.token != state.token or state.removed - self.removed > allowed

    def behind(self, state: SearchState) -> bool:
        return state.embedded_at is not None and (
            self.latest is None or state.embedded_at > self.latest
        )


def _build(model: Provider, state: SearchState) -> _Loaded:
    ids, matrix, kinds, owners, latest = _load(embedded_rows(model.model_id), model.dimension)
    index = VectorIndex.build(
        model.dimension, ids, matrix, kinds, owners, nprobe=settings.SEARCH_VECTOR_NPROBE
    )
    return _Loaded(index, latest, state.removed, state.token)


def vector_index(model: Provider | None = None) -> VectorIndex | None:
    """This process's vector index for the configured model, brought up to date."""
    model = model or provider()
    if model is None:
        return None
    state = _state()
    with _lock:
        loaded = _vectors.get(model.model_id)
        if loaded is None or loaded.stale(state):
            loaded = _vectors[model.model_id] = _build(model, state)
        elif loaded.behind(state):
            rows = embedded_rows(model.model_id, loaded.latest)
            ids, matrix, kinds, owners, latest = _load(rows, model.dimension)
            loaded.index.add(ids, matrix, kinds, owners)
            loaded.latest = latest or loaded.latest
        return loaded.index


def warm_up() -> None:
    """Load the model and build this process's indexes now (a web worker starting). A
    missing or damaged index is left to the first search, which reports it."""
    try:
        keyword_backend().check()
    except Exception:  # the first search reports it and queues the repair
        logger.warning("keyword index not usable at start", exc_info=True)
    model = provider()
    if model is not None:
        try:
            model.embed_query("warm up")
            vector_index(model)
        except Exception:  # search answers without vectors and says so
            logger.warning("vector index not built at start", exc_info=True)


def reset() -> None:
    """Forget this process's indexes (tests, and after a rebuild)."""
    with _lock:
        _keyword.clear()
        _vectors.clear()
    health.reset()
