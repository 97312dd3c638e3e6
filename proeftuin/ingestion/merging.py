"""Writes for a document's case that may already be in the library: add its accepted values
to the existing case, or make a new case anyway. Both choices are kept and audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.cases.service import Case, case_extend
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record
from proeftuin.ingestion.duplicates import names_match
from proeftuin.ingestion.models import DuplicateChoice, SourceFile
from proeftuin.ingestion.permissions import can_review


class DuplicateSuspected(ValidationFailed):
    """Making a draft was refused: the case looks like one already in the library."""

    def __init__(self, candidates):
        self.candidates = candidates
        best = candidates[0]
        super().__init__(
            _(
                "This case looks like “%(title)s”, which is already in the library (%(reasons)s). "
                "Choose under “Already in the library?”: add the accepted values to that case, "
                "or make a new case anyway."
            )
            % {"title": best.case.title, "reasons": "; ".join(best.reasons)}
        )


def _person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_review(actor, source: SourceFile) -> None:
    if actor is not None:
        allowed, reason = can_review(actor, source)
        if not allowed:
            raise NotAllowed(reason)


def _check_segment(source: SourceFile, segment: int) -> None:
    if not source.suggestions.filter(segment=segment).exists():
        raise ValidationFailed(_("This document has no such case."))


def _record(actor, source, segment: int, choice: str, case=None, conflicts=()):
    before = DuplicateChoice.objects.filter(source=source, segment=segment).first()
    row, _created = DuplicateChoice.objects.update_or_create(
        source=source,
        segment=segment,
        defaults={
            "choice": choice,
            "case": case,
            "conflicts": list(conflicts),
            "decided_by": _person(actor),
        },
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=row,
        before=_snapshot(before) if before else None,
        after=_snapshot(row),
    )
    return row


def _snapshot(row: DuplicateChoice) -> dict:
    return {
        "source": str(row.source.uuid),
        "segment": row.segment,
        "choice": row.choice,
        "case": str(row.case.uuid) if row.case else None,
        "conflicts": row.conflicts,
    }


def _organisation_conflict(rows, case: Case) -> list[dict[str, str]]:
    """The document's organisation is named on the case (as organisation or partner), or
    listed as a conflict: it is never changed on the existing case."""
    from proeftuin.ingestion.casebuilder import _first

    row = _first(rows, "organisation.name")
    if row is None:
        return []
    name = str(row.final_value).strip()
    names = [link.organisation.name for link in case.case_organisations.all()]
    names += [p.name for p in case.partners.all()]
    if names_match(name, names):
        return []
    return [{"field": "organisation.name", "current": ", ".join(names[:3]), "offered": name}]


@transaction.atomic
def segment_add_to_case(*, actor, source: SourceFile, segment: int, case: Case):
    """Add the accepted values of a document's case to an existing case: new list items
    and sections are appended, empty single fields filled, and whatever differs from the
    case is listed as a conflict and left out. Returns the choice with its conflicts."""
    from proeftuin.ingestion.casebuilder import _accepted, _case_data

    _check_review(actor, source)
    _check_segment(source, segment)
    rows = _accepted(source, segment)
    data = _case_data(rows, source.document)
    updated, conflicts = case_extend(case=case, actor=actor, **data)
    conflicts += _organisation_conflict(rows, updated)
    source.suggestions.filter(segment=segment).update(case=updated)
    return _record(actor, source, segment, DuplicateChoice.Choice.MERGED, updated, conflicts)


@transaction.atomic
def segment_keep_separate(*, actor, source: SourceFile, segment: int) -> DuplicateChoice:
    """Record that a document's case is a different innovation: a new case may be made."""
    _check_review(actor, source)
    _check_segment(source, segment)
    current = DuplicateChoice.objects.filter(source=source, segment=segment).first()
    if current is not None and current.choice == DuplicateChoice.Choice.MERGED and current.case:
        raise ValidationFailed(_("The values of this case were already added to another case."))
    return _record(actor, source, segment, DuplicateChoice.Choice.NEW)


def segment_choice(source: SourceFile, segment: int) -> DuplicateChoice | None:
    return (
        DuplicateChoice.objects.filter(source=source, segment=segment)
        .select_related("case")
        .first()
    )
