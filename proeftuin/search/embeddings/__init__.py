"""Embedding providers behind a registry; :func:`get_provider` picks the configured one.

``offline`` (default) runs a multilingual model bundled in a Python package: no download, no
network. ``sentence_transformers`` loads a model folder from disk; ``openai`` calls an
OpenAI-compatible ``/embeddings`` server. See ``proeftuin/conf/search.py`` for the settings.
"""

from __future__ import annotations

from typing import Any

from . import offline, openai, sentence_transformers  # noqa: F401  (register the providers)
from .base import EmbeddingError, Provider, batches, normalise, providers

__all__ = ["EmbeddingError", "Provider", "batches", "get_provider", "normalise", "providers"]


def get_provider(name: str | None = None, *, settings: Any = None) -> Provider:
    """The provider ``name`` (default: settings.EMBEDDING_PROVIDER), built from the settings.

    Cheap to call: models are loaded on first use and kept per process.
    """
    if settings is None:
        from django.conf import settings
    name = (name or settings.EMBEDDING_PROVIDER or "offline").strip()
    if name not in providers:
        raise EmbeddingError(
            f"Onbekende EMBEDDING_PROVIDER {name!r}; kies uit: {', '.join(providers.names())}."
        )
    return providers[name].from_settings(settings)
