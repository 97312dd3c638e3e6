"""Passages: the searchable pieces of every kind of findable object.

A passage belongs to an object of a registered kind (``proeftuin.core.searchable``):
``owner_kind`` is the kind's key ("case", "document"), ``owner_id`` the object's id. It is
derived data: it is rebuilt from its owner whenever that changes, and keeps its embedding
when its text did not change. ``terms`` holds the analysed keyword terms
(``proeftuin.search.analysis``); on PostgreSQL a generated ``search_vector`` column
(``dutch`` configuration plus those terms, GIN index) is added by the migration.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class PassageKind(models.TextChoices):
    SUMMARY = "summary", _("Summary")
    SECTION = "section", _("Theme section")
    LESSON = "lesson", _("Lesson")
    OUTCOME = "outcome", _("Outcome")
    BARRIER = "barrier", _("Barrier")
    DOCUMENT = "document", _("Document passage")


class PassageQuerySet(models.QuerySet):
    """``embedding_model`` is set exactly when ``embedding`` is, so the narrow
    ``embedding_model`` index answers which passages have vectors of a model."""

    def embedded_with(self, model_id: str) -> PassageQuerySet:
        return self.filter(embedding_model=model_id)

    def pending_for(self, model_id: str) -> PassageQuerySet:
        return self.exclude(embedding_model=model_id)

    def of(self, kind: str, ids) -> PassageQuerySet:
        """The passages of objects ``ids`` (one id or several) of kind ``kind``."""
        if isinstance(ids, int):
            return self.filter(owner_kind=kind, owner_id=ids)
        return self.filter(owner_kind=kind, owner_id__in=ids)


class Passage(models.Model):
    id = models.BigAutoField(primary_key=True)
    owner_kind = models.CharField(_("owner kind"), max_length=32)
    owner_id = models.PositiveBigIntegerField(_("owner id"))
    kind = models.CharField(_("kind"), max_length=16, choices=PassageKind.choices)
    label = models.CharField(_("label"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))
    terms = models.TextField(_("analysed terms"), blank=True)
    text_hash = models.CharField(_("text hash"), max_length=64)
    embedding = models.BinaryField(_("embedding"), null=True, blank=True)
    embedding_model = models.CharField(_("embedding model"), max_length=200, blank=True)
    embedded_at = models.DateTimeField(_("embedded at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PassageQuerySet.as_manager()

    class Meta:
        ordering = ["owner_kind", "owner_id", "position"]
        indexes = [
            models.Index(fields=["embedded_at"], name="search_passage_embedded"),
            models.Index(fields=["embedding_model"], name="search_passage_model"),
        ]
        constraints = [
            # A passage is identified by its owner and its place in it, so a paragraph
            # that occurs twice is two passages and a rebuild never adds a third. The
            # index also serves every lookup by owner.
            models.UniqueConstraint(
                fields=["owner_kind", "owner_id", "position"],
                name="search_passage_owner_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class SearchState(models.Model):
    """One row telling every process what changed in the vectors since it last looked.

    ``embedded_at``: when the last embeddings were stored (new rows are added to the
    in-memory index); ``removed``: how many embedded passages were removed or replaced
    (many removals make a process rebuild its index); ``token`` changes on a full rebuild.
    """

    embedded_at = models.DateTimeField(null=True, blank=True)
    removed = models.PositiveBigIntegerField(default=0)
    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return f"search state (removed {self.removed})"
