"""Keyword search backends behind a registry; the embedded one (tantivy) and PostgreSQL."""

from . import postgres, tantivy  # noqa: F401  (register the backends)
from .base import IndexDoc, KeywordBackend, Scope, keyword_backends

__all__ = ["IndexDoc", "KeywordBackend", "Scope", "keyword_backends"]
