"""Writes of the ingestion app: uploads, job bookkeeping and review decisions."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, organisation_ids_with_role
from proeftuin.cases.service import EditorialStatus
from proeftuin.core import jobs
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record
from proeftuin.documents.service import document_create
from proeftuin.ingestion import values
from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.models import Job, SourceFile, Suggestion
from proeftuin.ingestion.parsers import check_size
from proeftuin.ingestion.permissions import can_review, can_upload
from proeftuin.ingestion.selectors import accept_candidates
from proeftuin.organisations.service import Organisation


def _home_organisation(actor):
    """The organisation an upload belongs to when none is given: the uploader's first
    organisation where they contribute (none for platform administrators)."""
    ids = organisation_ids_with_role(actor, Role.CONTRIBUTOR)
    return Organisation.objects.filter(pk__in=ids).order_by("name").first()


def _check(allowed_reason: tuple[bool, str]) -> None:
    allowed, reason = allowed_reason
    if not allowed:
        raise NotAllowed(reason)


def _person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def source_upload(
    *, actor, filename: str, data: bytes, owner=None, limits: Limits | None = None
) -> tuple[SourceFile, Job, bool]:
    """Store an upload and queue its ingestion. The same content twice within one
    organisation is recognised: its file and latest job come back with ``created=False``.
    Another organisation's files are never matched, so nothing of them is revealed."""
    if actor is not None:
        _check(can_upload(actor, owner))
        owner = owner or _home_organisation(actor)
    check_size(len(data), limits)
    digest = hashlib.sha256(data).hexdigest()
    existing = SourceFile.objects.filter(owner=owner, content_hash=digest).first()
    if existing and existing.deleted_at is not None:
        raise ValidationFailed(
            _(
                "This file was deleted recently. An administrator can restore it; it can be "
                "uploaded again once it has been removed for good."
            )
        )
    if existing:
        return existing, existing.jobs.first() or job_start(source=existing), False
    source = _store(actor=actor, owner=owner, filename=filename, data=data, digest=digest)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=source,
        after={
            "filename": source.filename,
            "content_hash": digest,
            "size": source.size,
            "owner": str(owner.uuid) if owner else None,
        },
    )
    return source, job_start(source=source), True


def _store(*, actor, owner, filename: str, data: bytes, digest: str) -> SourceFile:
    name = Path(filename).name[:200] or "document"
    previous = SourceFile.objects.filter(filename=name, owner=owner, deleted_at__isnull=True)
    previous = previous.first()
    document = (
        previous.document
        if previous
        else document_create(
            actor=actor,
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
        uploaded_by=_person(actor),
    )
    source.file.save(f"{digest[:16]}{Path(name).suffix[:10]}", ContentFile(data), save=False)
    source.save()
    return source


def job_start(*, source: SourceFile) -> Job:
    """A new job for ``source``, queued to run after this transaction commits."""
    job = Job.objects.create(source=source)
    jobs.enqueue("ingestion.run", job.id)
    return job


@transaction.atomic
def job_retry(*, actor, job: Job) -> Job:
    """Try a job again: a failed one, one whose worker stopped, or one waiting for its
    next attempt runs again now (the same job); a finished one is processed anew."""
    _check(can_review(actor, job.source))
    if job.status == Job.Status.SUCCEEDED:
        new = job_start(source=job.source)
        _audit_rerun(actor, new, job)
        return new
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
    _audit_rerun(actor, job, job)
    return job


def _audit_rerun(actor, new: Job, old: Job) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=new,
        after={"source": str(old.source.uuid), "rerun_of": str(old.uuid)},
    )


def _may_retry(job: Job, record) -> bool:
    if record is None:  # queued before jobs had records: nothing will ever run it
        return True
    State = jobs.BackgroundJob.State
    if record.state == State.RUNNING:
        return jobs.stalled(record)
    if record.state == State.QUEUED:
        return record.attempts > 0  # waiting for its next attempt
    return record.state == State.FAILED or job.status == Job.Status.FAILED


def _validate_decision(suggestion: Suggestion, decision: str, edited_value):
    """The edited value tidied, or ValidationFailed: an unknown decision, a missing or
    malformed correction, or a value that cannot be accepted as it is."""
    if decision not in (
        Suggestion.Status.ACCEPTED,
        Suggestion.Status.REJECTED,
        Suggestion.Status.EDITED,
    ):
        raise ValidationFailed(_("Choose accept, edit or reject."))
    if decision == Suggestion.Status.EDITED:
        if edited_value in (None, "", [], {}):
            raise ValidationFailed(
                _("Enter the corrected value."),
                field_errors={"edited_value": [_("Enter the corrected value.")]},
            )
        return values.clean(suggestion.field, edited_value)
    if decision == Suggestion.Status.ACCEPTED:
        problem = values.problem(suggestion.field, suggestion.value)
        if problem:
            raise ValidationFailed(
                _("This value cannot be accepted as it is: %s Correct it instead.") % problem
            )
    return None


def _check_open(suggestion: Suggestion) -> None:
    """Decisions stay open until the case made from them is published."""
    case = suggestion.case
    if case is not None and case.status == EditorialStatus.PUBLISHED:
        raise ValidationFailed(
            _("The case “%s” made from this document is published; its decisions are final.")
            % case.title
        )


def _locked(suggestion: Suggestion) -> Suggestion:
    return (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("case", "source")
        .get(pk=suggestion.pk)
    )


@transaction.atomic
def suggestion_decide(*, actor, suggestion: Suggestion, decision: str, edited_value=None):
    """Accept, edit (with a value of the field's kind) or reject one suggestion."""
    _check(can_review(actor, suggestion.source))
    suggestion = _locked(suggestion)
    edited_value = _validate_decision(suggestion, decision, edited_value)
    if suggestion.status != Suggestion.Status.PENDING:
        _check_open(suggestion)
    before = _decision_snapshot(suggestion)
    suggestion.status = decision
    suggestion.edited_value = edited_value if decision == Suggestion.Status.EDITED else None
    suggestion.decided_by = _person(actor)
    suggestion.decided_at = timezone.now()
    suggestion.save()
    _audit_decision(actor, suggestion, before)
    return suggestion


@transaction.atomic
def suggestion_undo(*, actor, suggestion: Suggestion) -> Suggestion:
    """Take a decision back: the suggestion is to be reviewed again (audited). Possible
    until the case made from the document is published; a draft made earlier keeps its
    values until it is made again from the decisions (the review page says so)."""
    _check(can_review(actor, suggestion.source))
    suggestion = _locked(suggestion)
    if suggestion.status == Suggestion.Status.PENDING:
        raise ValidationFailed(_("This suggestion has no decision to undo."))
    _check_open(suggestion)
    before = _decision_snapshot(suggestion)
    suggestion.status = Suggestion.Status.PENDING
    suggestion.edited_value = None
    suggestion.decided_by = None
    suggestion.decided_at = None
    suggestion.save()
    _audit_decision(actor, suggestion, before, rule="undo")
    return suggestion


def _decision_snapshot(suggestion: Suggestion) -> dict:
    return {"status": suggestion.status, "edited_value": suggestion.edited_value}


def _audit_decision(actor, suggestion: Suggestion, before: dict, rule: str = "") -> None:
    """One audit entry per decision: the field, the status and value before and after,
    and for a bulk decision or an undo the rule that made it (``accept_above:0.8``,
    ``undo``)."""
    after = {**_decision_snapshot(suggestion), "field": suggestion.field}
    if rule:
        after["rule"] = rule
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=suggestion,
        before={**before, "field": suggestion.field},
        after=after,
    )


@transaction.atomic
def suggestions_accept_above(
    *, actor, source: SourceFile, segment: int, threshold, expected: int | None = None
) -> int:
    """Accept every pending suggestion of one case in the document with at least
    ``threshold`` confidence, no conflict and a valid value; returns how many were
    accepted. With ``expected`` (the count a person was shown), nothing is accepted when
    the count is different now (ValidationFailed), so no one accepts more than they saw."""
    _check(can_review(actor, source))
    threshold = Decimal(str(threshold))
    if not Decimal(0) <= threshold <= Decimal(1):
        raise ValidationFailed(_("Enter a number from 0 to 1, for example 0.8."))
    pending, _skipped = accept_candidates(source, segment, threshold, lock=True)
    if expected is not None and expected != len(pending):
        raise ValidationFailed(
            _("The queue changed since you looked: now %(n)d suggestions qualify, not %(e)d.")
            % {"n": len(pending), "e": expected}
        )
    now = timezone.now()
    for suggestion in pending:
        suggestion.status = Suggestion.Status.ACCEPTED
        suggestion.decided_at, suggestion.decided_by = now, _person(actor)
        suggestion.updated_at = now
    Suggestion.objects.bulk_update(pending, ["status", "decided_at", "decided_by", "updated_at"])
    for suggestion in pending:
        before = {"status": Suggestion.Status.PENDING, "edited_value": None}
        _audit_decision(actor, suggestion, before, rule=f"accept_above:{threshold}")
    return len(pending)
