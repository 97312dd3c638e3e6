"""Writes that move a case through its life: publish, archive, un-archive, and the soft
delete of draft cases that were made from a deleted document.

Each is a service (atomic, permission-checked, audited) beside those in ``services.py``;
they change the editorial status and let the facet index and search follow
(``case_reindex_facets``), so an archived or deleted case leaves the library and search
at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.cases import permissions
from proeftuin.cases.choices import UNPUBLISHED, EditorialStatus, Visibility
from proeftuin.cases.models import Case
from proeftuin.cases.services import _check, _claim_version, case_reindex_facets, case_update
from proeftuin.core.service import AuditEntry, ValidationFailed, audit_record


@dataclass(frozen=True)
class Finding:
    """Something to look at before publishing; ``blocking`` ones stop the publish step."""

    message: str
    blocking: bool = False


def publish_findings(case: Case) -> list[Finding]:
    """What is missing or risky about publishing ``case`` as it is now."""
    findings = []
    if case.status not in UNPUBLISHED:
        findings.append(Finding(_("This case is not a draft or in review."), blocking=True))
    if not (case.summary or "").strip():
        findings.append(Finding(_("The case has no summary."), blocking=True))
    elif len(case.summary.split()) < 15:
        findings.append(Finding(_("The summary is very short (fewer than 15 words).")))
    if not case.citations.exists():
        findings.append(Finding(_("No source is cited: readers cannot check the facts.")))
    if not case.sections.exists():
        findings.append(Finding(_("No theme has a text yet.")))
    if not case.outcomes.exists():
        findings.append(Finding(_("No outcomes are recorded.")))
    if case.visibility != Visibility.PUBLIC:
        findings.append(
            Finding(
                _("The visibility is “%s”: the public will not see this case.")
                % case.get_visibility_display()
            )
        )
    if case.people.exists():
        findings.append(
            Finding(_("The case names people; the public sees only their roles, not names."))
        )
    return findings


@transaction.atomic
def case_publish(*, case: Case, actor, expected_version: int | None = None) -> Case:
    """Publish a draft (or a case in review) after the preview; audited by ``case_update``."""
    _check(permissions.can_publish_case(actor, case))
    current = Case.objects.get(pk=case.pk)
    blocking = [f.message for f in publish_findings(current) if f.blocking]
    if blocking:
        raise ValidationFailed(blocking[0], field_errors={"status": blocking})
    return case_update(
        case=current,
        actor=actor,
        expected_version=expected_version,
        status=EditorialStatus.PUBLISHED,
    )


NOT_ARCHIVED = gettext_lazy("This case is not archived.")


def _set_status(current: Case, actor, status: str, archived_from: str, reason: str) -> Case:
    before = {"status": current.status, "reason": ""}
    current.status, current.archived_from = status, archived_from
    current.version += 1  # (claimed by _claim_version in the same transaction)
    current.save(update_fields=["status", "archived_from", "version", "updated_at"])
    case_reindex_facets(current)  # leaves or returns to the library and search
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        before=before,
        after={"status": status, "reason": reason},
    )
    return current


@transaction.atomic
def case_archive(
    *, case: Case, actor, reason: str = "", expected_version: int | None = None
) -> Case:
    """Archive a case: it leaves the library and search and stays reachable for the
    owning organisation's editors, who can un-archive it. ``reason`` is optional."""
    _check(permissions.can_archive_case(actor, case))
    current = Case.objects.get(pk=case.pk)
    if current.status == EditorialStatus.ARCHIVED:
        raise ValidationFailed(_("This case is already archived."))
    _claim_version(current.pk, expected_version)
    reason = (reason or "").strip()[:1000]
    return _set_status(current, actor, EditorialStatus.ARCHIVED, current.status, reason)


@transaction.atomic
def case_unarchive(*, case: Case, actor, expected_version: int | None = None) -> Case:
    """Bring an archived case back with the status it had before."""
    _check(permissions.can_archive_case(actor, case))
    current = Case.objects.get(pk=case.pk)
    if current.status != EditorialStatus.ARCHIVED:
        raise ValidationFailed(NOT_ARCHIVED)
    _claim_version(current.pk, expected_version)
    status = current.archived_from or EditorialStatus.DRAFT
    return _set_status(current, actor, status, "", "")


# --- drafts deleted with their source document (see ingestion's document delete) ---


def _mark_deleted(case_ids: list[int], actor, deleted: bool) -> list[int]:
    cases = list(Case.objects.filter(pk__in=case_ids, deleted_at__isnull=deleted))
    for case in cases:
        case.deleted_at = timezone.now() if deleted else None
        case.save(update_fields=["deleted_at", "updated_at"])
        case_reindex_facets(case)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE if deleted else AuditEntry.Action.UPDATE,
            obj=case,
            before={"deleted": not deleted},
            after={"deleted": deleted},
        )
    return [case.pk for case in cases]


def draft_cases_delete(*, case_ids: list[int], actor) -> list[int]:
    """Soft-delete draft cases (a published case is never deleted this way); returns the
    ids deleted. The caller has checked that ``actor`` may delete their source."""
    drafts = Case.objects.filter(pk__in=case_ids, status__in=UNPUBLISHED)
    return _mark_deleted(list(drafts.values_list("pk", flat=True)), actor, True)


def draft_cases_restore(*, case_ids: list[int], actor) -> list[int]:
    return _mark_deleted(case_ids, actor, False)


def draft_cases_purge(*, case_ids: list[int]) -> int:
    """Remove soft-deleted cases for good (their parts go with them; their passages left
    search when they were deleted)."""
    doomed = Case.objects.filter(pk__in=case_ids, deleted_at__isnull=False)
    count = doomed.count()
    doomed.delete()
    return count
