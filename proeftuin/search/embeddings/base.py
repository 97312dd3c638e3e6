"""What an embedding provider is, the registry of providers, and shared helpers.

A provider turns texts into L2-normalised ``float32`` vectors, so that the cosine similarity
of two vectors is their dot product. Passages (the text that is indexed) and queries (what a
user types) are embedded through separate methods, because retrieval models such as e5 are
trained with a different prefix for each.

Providers are classes registered in :data:`providers` under their name; ``from_settings``
builds one from the Django settings. Building one is cheap: a model is loaded on first use,
once per process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from proeftuin.core.registry import Registry


class EmbeddingError(RuntimeError):
    """An embedding provider cannot be used or failed; the message says why, in Dutch."""


@runtime_checkable
class Provider(Protocol):
    """An embedding provider. ``embed_*`` return L2-normalised float32 vectors."""

    name: ClassVar[str]
    #: Texts per model pass or per request; callers with many texts may pass them all at once.
    batch_size: int

    @property
    def dimension(self) -> int:
        """Length of every vector (may load the model, or ask the server once)."""
        ...

    @property
    def model_id(self) -> str:
        """Identifies the model, to store with the vectors: vectors of different models differ."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts to index: an array of shape ``(len(texts), dimension)``."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query: an array of shape ``(dimension,)``."""
        ...


class ProviderClass(Protocol):
    name: ClassVar[str]

    @classmethod
    def from_settings(cls, settings: Any) -> Provider: ...

    @classmethod
    def configured(cls, settings: Any) -> bool:
        """Whether the settings give what this provider needs (used by the benchmark)."""
        ...


providers: Registry[ProviderClass] = Registry("embedding providers")


def batches(texts: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """``texts`` in consecutive slices of at most ``size``."""
    size = max(1, int(size))
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


def normalise(vectors: Any) -> np.ndarray:
    """Rows of ``vectors`` as float32 with unit L2 norm (zero rows stay zero)."""
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        norm = float(np.linalg.norm(array))
        return array / norm if norm > 0 else array
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return array / norms


def empty(dimension: int) -> np.ndarray:
    return np.zeros((0, dimension), dtype=np.float32)
