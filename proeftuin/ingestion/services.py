"""Writes of the ingestion app: uploads, job bookkeeping and review decisions."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, organisation_ids_with_role
from proeftuin.core import jobs
from proeftuin.core.service import NotAllowed, ValidationFailed
from proeftuin.documents.service import document_upsert
from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.models import Job, SourceFile, Suggestion
from proeftuin.ingestion.parsers import check_size
from proeftuin.ingestion.permissions import can_review, can_upload
from proeftuin.organisations.service import Organisation


def _home_organisation(actor):
    """The organisation an upload belongs to when none is given: the uploader's first
    organisation where they contribute (none for platform administrators)."""
    ids = organisation_ids_with_role(actor, Role.CONTRIBUTOR)
    return Organisation.objects.filter(pk__in=ids).order_by("name").first()


@transaction.atomic
def source_upload(
    *, actor, filename: str, data: bytes, owner=None, limits: Limits | None = None
) -> tuple[SourceFile, Job, bool]:
    """Store an upload and queue its ingestion. The same content twice is recognised:
    the existing file and its latest job come back with ``created=False``."""
    if actor is not None:
        allowed, reason = can_upload(actor, owner)
        if not allowed:
            raise NotAllowed(reason)
        owner = owner or _home_organisation(actor)
    check_size(len(data), limits)
    digest = hashlib.sha256(data).hexdigest()
    existing = SourceFile.objects.filter(content_hash=digest).first()
    if existing:
        return existing, existing.jobs.first() or job_start(source=existing), False
    name = Path(filename).name[:200] or "document"
    previous = SourceFile.objects.filter(filename=name, owner=owner).first()
    document = (
        previous.document
        if previous
        else document_upsert(
            key=f"{slugify(Path(name).stem)[:60]}-{digest[:8]}",
            title=Path(name).stem[:300],
            file_name=name,
        )
    )
    source = SourceFile(
        document=document,
        filename=name,
        content_hash=digest,
        size=len(data),
        previous=previous,
        owner=owner,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    source.file.save(f"{digest[:16]}{Path(name).suffix[:10]}", ContentFile(data), save=False)
    source.save()
    return source, job_start(source=source), True


def job_start(*, source: SourceFile) -> Job:
    """A new job for ``source``, queued to run after this transaction commits."""
    job = Job.objects.create(source=source)
    jobs.enqueue("ingestion.run", job.id)
    return job


def job_retry(*, actor, job: Job) -> Job:
    """Try a job again: a failed one, one whose worker stopped, or one waiting for its
    next attempt runs again now (the same job); a finished one is processed anew."""
    allowed, reason = can_review(actor, job.source)
    if not allowed:
        raise NotAllowed(reason)
    if job.status == Job.Status.SUCCEEDED:
        return job_start(source=job.source)
    record = jobs.latest_for("ingestion.run", job.id)
    if not _may_retry(job, record):
        raise ValidationFailed(_("This job is still running."))
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.QUEUED, step="", progress=0, error_code="", error_message=""
        )
        if record is None or record.state == jobs.BackgroundJob.State.SUCCEEDED:
            jobs.enqueue("ingestion.run", job.id)
        else:
            jobs.retry(record)
    job.refresh_from_db()
    return job


def _may_retry(job: Job, record) -> bool:
    if record is None:  # queued before jobs had records: nothing will ever run it
        return True
    State = jobs.BackgroundJob.State
    if record.state == State.RUNNING:
        return jobs.stalled(record)
    if record.state == State.QUEUED:
        return record.attempts > 0  # waiting for its next attempt
    return record.state == State.FAILED or job.status == Job.Status.FAILED


def _validate_decision(suggestion: Suggestion, decision: str, edited_value) -> None:
    if decision not in (
        Suggestion.Status.ACCEPTED,
        Suggestion.Status.REJECTED,
        Suggestion.Status.EDITED,
    ):
        raise ValidationFailed(_("Choose accept, edit or reject."))
    if decision == Suggestion.Status.EDITED and edited_value in (None, ""):
        raise ValidationFailed(_("Enter the corrected value."))


@transaction.atomic
def suggestion_decide(*, actor, suggestion: Suggestion, decision: str, edited_value=None):
    """Accept, edit or reject one suggestion."""
    allowed, reason = can_review(actor, suggestion.source)
    if not allowed:
        raise NotAllowed(reason)
    _validate_decision(suggestion, decision, edited_value)
    suggestion.status = decision
    suggestion.edited_value = edited_value if decision == Suggestion.Status.EDITED else None
    suggestion.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    suggestion.decided_at = timezone.now()
    suggestion.save()
    return suggestion


@transaction.atomic
def suggestions_accept_above(*, actor, source: SourceFile, segment: int, threshold: float) -> int:
    """Accept every pending suggestion of one case in the document with at least
    ``threshold`` confidence and no conflict; returns how many were accepted."""
    allowed, reason = can_review(actor, source)
    if not allowed:
        raise NotAllowed(reason)
    pending = source.suggestions.filter(
        segment=segment,
        status=Suggestion.Status.PENDING,
        confidence__gte=threshold,
        conflict=False,
    )
    return pending.update(
        status=Suggestion.Status.ACCEPTED,
        decided_at=timezone.now(),
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
