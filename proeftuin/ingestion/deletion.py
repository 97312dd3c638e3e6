"""Deleting an uploaded document with everything derived from it, as a soft delete.

``source_delete`` hides the file at once for everyone (``SourceFile.visible_to`` leaves it
out, so do lists, counts, search and the API), takes its passages out of search, and
soft-deletes the draft cases made from it. An administrator can undo that for
``DELETED_DOCUMENTS_RETENTION_DAYS`` (``source_restore``, in the Django admin); after that
the ``ingestion.purge_deleted`` background task removes the rows (file, jobs, suggestions,
duplicate choices, passages, draft cases, and the document when nothing else uses it) and
the stored file. Every step is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.accounts.service import is_platform_admin
from proeftuin.cases.service import (
    Case,
    draft_cases_delete,
    draft_cases_purge,
    draft_cases_restore,
    unpublished_cases,
)
from proeftuin.core import jobs
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record
from proeftuin.ingestion.models import SourceFile
from proeftuin.ingestion.permissions import can_delete_source

PURGE_TASK = "ingestion.purge_deleted"


def retention() -> timedelta:
    return timedelta(days=settings.DELETED_DOCUMENTS_RETENTION_DAYS)


@dataclass
class DeletionPlan:
    """What deleting ``source`` removes, and the cases that stop it (they cite its
    document and are not deleted with it)."""

    source: SourceFile
    jobs: int
    suggestions: int
    drafts: list = field(default_factory=list)
    blocking: list = field(default_factory=list)


def _drafts(source: SourceFile):
    made = source.suggestions.filter(case__isnull=False).values("case_id")
    return unpublished_cases().filter(pk__in=made)


def deletion_plan(source: SourceFile) -> DeletionPlan:
    drafts = list(_drafts(source).order_by("title"))
    others = SourceFile.objects.filter(document=source.document_id, deleted_at__isnull=True)
    blocking = []
    if not others.exclude(pk=source.pk).exists():  # the document goes with this file
        citing = Case.objects.filter(citations__document=source.document_id, deleted_at=None)
        blocking = list(citing.exclude(pk__in=[c.pk for c in drafts]).distinct().order_by("title"))
    return DeletionPlan(
        source=source,
        jobs=source.jobs.count(),
        suggestions=source.suggestions.count(),
        drafts=drafts,
        blocking=blocking,
    )


def _check(allowed_reason: tuple[bool, str]) -> None:
    allowed, reason = allowed_reason
    if not allowed:
        raise NotAllowed(reason)


@transaction.atomic
def source_delete(*, actor, source: SourceFile) -> SourceFile:
    _check(can_delete_source(actor, source))
    current = SourceFile.objects.select_for_update().filter(pk=source.pk).first()
    if current is None or current.deleted_at is not None:
        raise ValidationFailed(_("This document has already been deleted."))
    plan = deletion_plan(current)
    if plan.blocking:
        raise ValidationFailed(
            _("%(n)d cases that stay cite this document. Remove it from their sources first.")
            % {"n": len(plan.blocking)}
        )
    deleted = draft_cases_delete(case_ids=[c.pk for c in plan.drafts], actor=actor)
    current.deleted_at = timezone.now()
    current.deleted_by = actor if getattr(actor, "is_authenticated", False) else None
    current.deleted_cases = deleted
    current.save(update_fields=["deleted_at", "deleted_by", "deleted_cases", "updated_at"])
    jobs.enqueue("search.index_source", current.pk)  # its passages leave search
    jobs.enqueue(PURGE_TASK, run_after=current.deleted_at + retention())
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=current,
        before={"filename": current.filename, "deleted": False},
        after={"filename": current.filename, "deleted": True, "draft_cases": deleted},
    )
    return current


@transaction.atomic
def source_restore(*, actor, source: SourceFile) -> SourceFile:
    """Undo a delete (platform administrators, before the purge)."""
    if not is_platform_admin(actor):
        raise NotAllowed(_("Only administrators can restore a deleted document."))
    current = SourceFile.objects.select_for_update().filter(pk=source.pk).first()
    if current is None or current.deleted_at is None:
        raise ValidationFailed(_("This document is not deleted."))
    restored = draft_cases_restore(case_ids=current.deleted_cases, actor=actor)
    current.deleted_at, current.deleted_by, current.deleted_cases = None, None, []
    current.save(update_fields=["deleted_at", "deleted_by", "deleted_cases", "updated_at"])
    jobs.enqueue("search.index_source", current.pk)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        before={"deleted": True},
        after={"deleted": False, "draft_cases": restored},
    )
    return current


def _purge(source: SourceFile) -> None:
    document, name, storage = source.document, source.file.name, source.file.storage
    draft_cases_purge(case_ids=source.deleted_cases)
    audit_record(
        actor=None,
        action=AuditEntry.Action.DELETE,
        obj=source,
        after={"filename": source.filename, "purged": True},
    )
    source_id = source.pk
    source.delete()  # jobs, suggestions, duplicate choices and passages go with it
    jobs.enqueue("search.index_source", source_id)  # the keyword index forgets it too
    if not document.source_files.exists() and not document.citations.exists():
        document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def sources_purge_due(now=None) -> int:
    """Remove for good the files deleted longer ago than the retention; returns how many."""
    cutoff = (now or timezone.now()) - retention()
    due = SourceFile.objects.filter(deleted_at__lte=cutoff).select_related("document")
    count = 0
    for source in due:
        with transaction.atomic():
            _purge(source)
        count += 1
    return count


def schedule_next_purge() -> None:
    """Queue the purge for when the oldest remaining deletion falls due."""
    oldest = SourceFile.objects.filter(deleted_at__isnull=False).order_by("deleted_at").first()
    if oldest is not None:
        jobs.enqueue(PURGE_TASK, run_after=oldest.deleted_at + retention())
