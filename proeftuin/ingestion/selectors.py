"""Reads of the review queue: the cases in a document, one page of one case's suggestions,
and what "accept all above" would accept."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Case as Cases
from django.db.models import Count, IntegerField, Max, Q, QuerySet, Value, When

from proeftuin.accounts.service import Role, organisation_ids_with_role
from proeftuin.cases.service import Case, EditorialStatus
from proeftuin.ingestion import values
from proeftuin.ingestion.models import SourceFile, Suggestion
from proeftuin.ingestion.presentation import FIELD_ORDER
from proeftuin.organisations.service import Organisation

PAGE_SIZE = 25
PENDING = Suggestion.Status.PENDING
# what the queue shows (the Dutch words are part of the page's address)
SHOW = {"alle": None, "open": [PENDING], "besloten": ["accepted", "edited", "rejected"]}


@dataclass
class SegmentSummary:
    """One case in the document, with how far its review is."""

    index: int
    title: str
    total: int
    pending: int
    case: Case | None = None
    stale: bool = False  # decisions changed after its draft case was last saved

    @property
    def decided(self) -> int:
        return self.total - self.pending

    @property
    def published(self) -> bool:
        return self.case is not None and self.case.status == EditorialStatus.PUBLISHED


def segment_overview(source: SourceFile) -> list[SegmentSummary]:
    rows = (
        source.suggestions.values("segment")
        .annotate(
            title=Max("segment_title"),
            total=Count("id"),
            pending=Count("id", filter=Q(status=PENDING)),
            changed=Max("updated_at"),
            case_id=Max("case_id"),
        )
        .order_by("segment")
    )
    rows = list(rows)
    cases = Case.objects.in_bulk([r["case_id"] for r in rows if r["case_id"]])
    summaries = []
    for row in rows:
        case = cases.get(row["case_id"])
        summaries.append(
            SegmentSummary(
                index=row["segment"],
                title=row["title"],
                total=row["total"],
                pending=row["pending"],
                case=case,
                stale=bool(case and row["changed"] and row["changed"] > case.updated_at),
            )
        )
    return summaries


def segment_summary(source: SourceFile, segment: int) -> SegmentSummary | None:
    return next((s for s in segment_overview(source) if s.index == segment), None)


def _field_rank():
    whens = [
        When(field__startswith=prefix, then=Value(rank))
        if prefix.endswith(".")
        else When(field=prefix, then=Value(rank))
        for rank, prefix in enumerate(FIELD_ORDER)
    ]
    return Cases(*whens, default=Value(len(FIELD_ORDER)), output_field=IntegerField())


def queue_rows(source: SourceFile, segment: int, show: str = "alle") -> QuerySet[Suggestion]:
    """One case's suggestions, grouped by field (who, what, when, story, lists), the best
    evidence first within a field."""
    rows = source.suggestions.filter(segment=segment)
    statuses = SHOW.get(show)
    if statuses:
        rows = rows.filter(status__in=statuses)
    return (
        rows.select_related("decided_by", "case")
        .annotate(field_rank=_field_rank())
        .order_by("field_rank", "field", "-confidence", "start", "id")
    )


def queue_page(source: SourceFile, segment: int, show: str, number) -> Page:
    return Paginator(queue_rows(source, segment, show), PAGE_SIZE).get_page(number)


def page_of(source: SourceFile, suggestion: Suggestion, show: str = "alle") -> int | None:
    """The page of the queue on which ``suggestion`` stands (None when it is not shown)."""
    ids = list(queue_rows(source, suggestion.segment, show).values_list("id", flat=True))
    return ids.index(suggestion.id) // PAGE_SIZE + 1 if suggestion.id in ids else None


def accept_candidates(
    source: SourceFile,
    segment: int,
    threshold: Decimal,
    known: values.Lookups | None = None,
    *,
    lock: bool = False,
) -> tuple[list[Suggestion], list[Suggestion]]:
    """The pending suggestions of one case with at least ``threshold`` confidence and no
    conflict: those that would be accepted, and those left out because their value is
    incomplete or not valid (they need a correction, not an acceptance). ``lock``: hold
    the rows until the transaction ends (for the write)."""
    rows = queue_rows(source, segment, "open").filter(
        confidence__gte=float(threshold), conflict=False
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    known = known or values.lookups()
    accept, skip = [], []
    for row in rows:
        (skip if values.problem(row.field, row.value, known) else accept).append(row)
    return accept, skip


def upload_owner_choices(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may upload documents for: where they contribute."""
    ids = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    return Organisation.objects.filter(pk__in=ids).order_by("name")
