"""Reads of innovation patents, scoped through ``InnovationPatent.objects.visible_to``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from proeftuin.organisations.service import programmes_managed
from proeftuin.patents.choices import ClaimStatus
from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim

ZERO = Decimal("0.00")
AMOUNT = DecimalField(max_digits=14, decimal_places=2)


def patent_visible(user) -> QuerySet[InnovationPatent]:
    return InnovationPatent.objects.visible_to(user)


def _claims_sum(status: str) -> Coalesce:
    rows = PatentClaim.objects.filter(patent=OuterRef("pk"), status=status).order_by()
    total = rows.values("patent").annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total), Value(ZERO), output_field=AMOUNT)


def _count(model, **conditions) -> Subquery:
    rows = model.objects.filter(patent=OuterRef("pk"), **conditions).order_by()
    return Subquery(rows.values("patent").annotate(n=Count("pk")).values("n"))


def _totals(rows):
    """Per patent: meetings held, counted claims (not rejected) and the amounts owed,
    approved and paid (subqueries, so one join does not multiply another)."""
    counting = [s for s in ClaimStatus.values if s != ClaimStatus.REJECTED]
    return rows.annotate(
        meeting_count=Coalesce(_count(IntroductionMeeting), 0),
        counted=Coalesce(_count(PatentClaim, status__in=counting), 0),
        owed_total=_claims_sum(ClaimStatus.OWED),
        approved_total=_claims_sum(ClaimStatus.APPROVED),
        paid_total=_claims_sum(ClaimStatus.PAID),
    )


def patent_list(user, *, programme=None) -> QuerySet[InnovationPatent]:
    """Visible patents with what a list row shows (one query)."""
    rows = patent_visible(user).select_related("programme", "innovator")
    if programme is not None:
        rows = rows.filter(programme=programme)
    return _totals(rows).order_by("-awarded_on", "-id")


def patent_detail(*, user, uuid) -> InnovationPatent:
    """``InnovationPatent.DoesNotExist`` when not there or not visible to ``user``."""
    return (
        patent_visible(user)
        .select_related("programme", "innovator", "initiative", "case", "awarded_by")
        .get(uuid=uuid)
    )


def meetings_of(patent) -> QuerySet[IntroductionMeeting]:
    return patent.meetings.prefetch_related("adopters")


def claims_of(patent) -> QuerySet[PatentClaim]:
    return patent.claims.select_related("adopter", "adoption")


def claims_to_decide(user) -> QuerySet[PatentClaim]:
    """Open claims (owed or approved) in the programmes ``user`` manages ("Mijn werk")."""
    managed = programmes_managed(user).values("pk")
    return (
        PatentClaim.objects.filter(
            patent__programme__in=managed, status__in=(ClaimStatus.OWED, ClaimStatus.APPROVED)
        )
        .select_related("patent", "adopter")
        .order_by("-created_at")
    )


@dataclass
class ProgrammeReport:
    programme: object
    patents: list = field(default_factory=list)
    meetings: int = 0
    counted: int = 0
    owed: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO


def programme_report(*, user, programme) -> ProgrammeReport:
    """The patents of ``programme`` the viewer may see, with their meetings, counted
    adoptions (claims not rejected) and the totals owed, approved and paid."""
    patents = list(patent_list(user, programme=programme))
    report = ProgrammeReport(programme=programme, patents=patents)
    for patent in report.patents:
        report.meetings += patent.meeting_count
        report.counted += patent.counted
        report.owed += patent.owed_total
        report.approved += patent.approved_total
        report.paid += patent.paid_total
    return report
