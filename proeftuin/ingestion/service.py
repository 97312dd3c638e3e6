"""Public interface of the ingestion app for other apps."""

from proeftuin.ingestion.models import SourceFile


def sources_visible(user):
    """Uploaded files ``user`` may see (uploader, members of the owner, administrators)."""
    return SourceFile.objects.visible_to(user)


__all__ = ["SourceFile", "sources_visible"]
