"""Keyword search backends behind a registry; the embedded one (tantivy) and PostgreSQL."""

from . import tantivy  # noqa: F401  (registers the backend)
from .base import IndexDoc, KeywordBackend, Scope, keyword_backends

__all__ = ["IndexDoc", "KeywordBackend", "Scope", "keyword_backends"]
