"""Public interface of the documents app for other apps."""

from proeftuin.documents.models import Document
from proeftuin.documents.services import document_upsert

__all__ = ["Document", "document_upsert"]
