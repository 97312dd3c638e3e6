"""Uploaded documents in search: the normalised text of a source file, in passages of a few
paragraphs, findable by the members of its organisation (``SourceFile.objects.visible_to``)
and listed apart from the cases (``proeftuin.core.searchable``; registered from
``IngestionConfig.ready``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import (
    Searchable,
    SearchOwner,
    SearchText,
    bits,
    register_searchable,
)
from proeftuin.ingestion.models import SourceFile


def document_texts(source_id: int) -> list[SearchText] | None:
    """The passages of an uploaded file's text; ``None`` when it is gone or deleted (it
    leaves search at once)."""
    from proeftuin.search.service import split_text

    source = SourceFile.objects.filter(pk=source_id, deleted_at__isnull=True)
    source = source.only("id", "text").first()
    return None if source is None else split_text(source.text)


def _visible(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return bits(SourceFile.objects.visible_to(user).values_list("id", flat=True))


def document_owners(ids) -> dict[int, SearchOwner]:
    rows = SourceFile.objects.filter(id__in=ids).values_list("id", "uuid", "filename")
    return {
        source_id: SearchOwner(
            id=source_id,
            uuid=str(uuid),
            title=filename,
            url=reverse("ingestion:detail", kwargs={"uuid": uuid}),
            api={"uuid": str(uuid), "filename": filename},
            links={"url": ("api:document-detail", {"uuid": str(uuid)})},
        )
        for source_id, uuid, filename in rows
    }


def register() -> None:
    register_searchable(
        Searchable(
            key="document",
            model="ingestion.SourceFile",
            label=_("Document"),
            texts=document_texts,
            visible_to=SourceFile.objects.visible_to,
            visible=_visible,
            owners=document_owners,
            all_ids=lambda: SourceFile.objects.values_list("id", flat=True).iterator(),
            grouped=False,
            job="search.index_source",
        )
    )
