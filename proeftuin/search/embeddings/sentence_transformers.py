"""A sentence-transformers model from a folder on this machine (EMBEDDING_MODEL_PATH).

For organisations that want a larger or their own model. The model is only read from disk:
the path must exist, and it is loaded with ``local_files_only=True`` so that nothing is
fetched from a model hub. ``sentence-transformers`` (and with it torch) is not a dependency
of the project; it is imported only when this provider is used.

Prefixes: the model's own prompts named ``query`` and ``passage`` (or ``document``) when its
folder defines them, otherwise EMBEDDING_QUERY_PREFIX / EMBEDDING_PASSAGE_PREFIX.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from .base import EmbeddingError, empty, normalise, providers

_lock = threading.Lock()


@cache
def load_model(path: str) -> Any:
    """The model in folder ``path``, loaded once per process."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbeddingError(
            "EMBEDDING_PROVIDER=sentence_transformers vraagt het pakket sentence-transformers, "
            "maar dat is niet geïnstalleerd (pip install sentence-transformers)."
        ) from exc
    try:
        return SentenceTransformer(path, device="cpu", local_files_only=True)
    except Exception as exc:
        raise EmbeddingError(
            f"Het sentence-transformers-model in {path} kon niet worden geladen ({exc}). "
            "Controleer EMBEDDING_MODEL_PATH: de map moet een volledig model bevatten; er wordt "
            "niets gedownload."
        ) from exc


def _prompt(model: Any, names: tuple[str, ...], fallback: str) -> str:
    prompts = getattr(model, "prompts", None) or {}
    for name in names:
        if prompts.get(name):
            return prompts[name]
    return fallback


@providers.register("sentence_transformers")
class SentenceTransformersProvider:
    name: ClassVar[str] = "sentence_transformers"

    def __init__(
        self,
        path: str | Path,
        *,
        batch_size: int = 32,
        query_prefix: str = "",
        passage_prefix: str = "",
    ):
        if not str(path).strip():
            raise EmbeddingError(
                "EMBEDDING_PROVIDER=sentence_transformers vraagt EMBEDDING_MODEL_PATH: de map "
                "van een model op deze machine. Die is niet ingesteld."
            )
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise EmbeddingError(
                f"EMBEDDING_MODEL_PATH wijst naar {folder}, maar daar staat geen map. Zet het "
                "model eerst op deze machine; modellen worden nooit gedownload."
            )
        self.path = str(folder.resolve())
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix

    @classmethod
    def from_settings(cls, settings: Any) -> SentenceTransformersProvider:
        return cls(
            settings.EMBEDDING_MODEL_PATH,
            batch_size=settings.EMBEDDING_BATCH_SIZE,
            query_prefix=settings.EMBEDDING_QUERY_PREFIX,
            passage_prefix=settings.EMBEDDING_PASSAGE_PREFIX,
        )

    @classmethod
    def configured(cls, settings: Any) -> bool:
        return bool(settings.EMBEDDING_MODEL_PATH) and Path(settings.EMBEDDING_MODEL_PATH).is_dir()

    @property
    def model(self) -> Any:
        return load_model(self.path)

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    @property
    def model_id(self) -> str:
        return f"sentence-transformers:{Path(self.path).name}"

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        with _lock:
            vectors = self.model.encode(
                [prefix + text for text in texts],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return normalise(vectors)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return empty(self.dimension)
        prefix = _prompt(self.model, ("passage", "document"), self.passage_prefix)
        return self._encode(texts, prefix)

    def embed_query(self, text: str) -> np.ndarray:
        prefix = _prompt(self.model, ("query",), self.query_prefix)
        return self._encode([text], prefix)[0]
