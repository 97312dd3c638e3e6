"""Public interface of the documents app for other apps."""

from proeftuin.documents.models import Document
from proeftuin.documents.services import document_create, document_upsert


def documents_visible(user):
    """Documents ``user`` may see, pick and cite."""
    return Document.objects.visible_to(user)


__all__ = ["Document", "document_create", "document_upsert", "documents_visible"]
