"""Test support for search: a small deterministic embedding provider and index isolation.

``HashingProvider`` is a test double: it hashes analysed terms into a 64-dimension vector,
so texts sharing words are near each other. The real offline model is tested on small data
in tests/search/test_embeddings.py; this one keeps the suite fast.
"""

from __future__ import annotations

import zlib

import numpy as np

from proeftuin.search.analysis import analyze
from proeftuin.search.embeddings import normalise, providers

DIMENSION = 64


class HashingProvider:
    dimension = DIMENSION
    model_id = "test-hashing-64"
    calls = 0

    @classmethod
    def from_settings(cls, settings):
        return cls()

    @classmethod
    def configured(cls, settings) -> bool:
        return True

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(DIMENSION, dtype=np.float32)
        for term in analyze(text):
            vector[zlib.crc32(term.encode()) % DIMENSION] += 1.0
        vector[0] += 0.01  # never all zero
        return vector

    def embed_passages(self, texts) -> np.ndarray:
        HashingProvider.calls += 1
        return normalise(np.vstack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return normalise(self._vector(text)[None, :])[0]


def register() -> None:
    if "test-hashing" not in providers:
        providers.add("test-hashing", HashingProvider)


def indexed_case(**overrides):
    """A case written through the service, then indexed with keywords and vectors, as the
    background jobs do after the write commits."""
    from proeftuin.search import services
    from tests.factories import make_case

    case = make_case(**overrides)
    services.index("case", case.id)
    services.embed_pending()
    return case


def source_file(**fields):
    """An uploaded file (without a job), for document passages."""
    from proeftuin.ingestion.models import SourceFile
    from tests.factories import DocumentFactory

    values = {"filename": "rapport.pdf", "content_hash": "b" * 64, "size": 1, **fields}
    return SourceFile.objects.create(
        document=DocumentFactory(), file="sources/rapport.pdf", **values
    )
