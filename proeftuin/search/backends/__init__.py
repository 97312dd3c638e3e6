"""Keyword search backends behind a registry; the embedded one (tantivy) and PostgreSQL."""

from . import postgres, tantivy  # noqa: F401  (register the backends)
from .base import IndexDoc, KeywordBackend, Scope, keyword_backends
from .tantivy_files import IndexUnavailable

__all__ = ["IndexDoc", "IndexUnavailable", "KeywordBackend", "Scope", "keyword_backends"]
