"""Figures of one round, as tables (each with a key, a title, headers and rows, the shape the
portfolio's CSV/XLSX/ODS writers take): applications per stage, granted against the budget
(in total and per category), granted, planned in tranches and paid, the time to decision,
the reviewers' load and what happened to applications that had close prior cases. And the
public results: the granted experiments with their public summary, nothing else."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from proeftuin.funding.choices import AssignmentStatus, DecisionOutcome, TrancheStatus
from proeftuin.funding.models import Application, ReviewAssignment, Round, Tranche
from proeftuin.funding.services_decisions import granted_total
from proeftuin.portfolio.service import EXPORT_WRITERS

# a prior case this similar (the search's "very similar" band) counts as close
CLOSE_PRIOR_SIMILARITY = 0.86
FILES = {
    "csv": ("application/zip", "zip"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
}


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def _stages(round_: Round) -> Table:
    counts = dict(
        Application.objects.filter(round=round_)
        .values_list("stage_id")
        .annotate(n=Count("pk"))
        .values_list("stage_id", "n")
    )
    rows = [[s.name, counts.get(s.pk, 0)] for s in round_.workflow.stages.order_by("order")]
    return Table("stages", _("Applications per stage"), [_("Stage"), _("Applications")], rows)


def _budget(round_: Round) -> Table:
    granted = granted_total(round_)
    rows = [[_("Whole round"), round_.budget, granted, round_.budget - granted]]
    for category in round_.categories.all():
        spent = granted_total(round_, category=category)
        rows.append([category.name, category.amount, spent, category.amount - spent])
    headers = [_("Budget"), _("Budget (EUR)"), _("Granted (EUR)"), _("Remaining (EUR)")]
    return Table("budget", _("Granted against the budget"), headers, rows)


def _money(round_: Round) -> Table:
    tranches = Tranche.objects.filter(application__round=round_).aggregate(
        planned=Sum("amount"), paid=Sum("amount", filter=Q(status=TrancheStatus.PAID))
    )
    granted = granted_total(round_)
    planned, paid = tranches["planned"] or Decimal("0"), tranches["paid"] or Decimal("0")
    headers = [_("Granted (EUR)"), _("Planned in tranches (EUR)"), _("Paid (EUR)")]
    return Table("payments", _("Committed and paid"), headers, [[granted, planned, paid]])


def _days(round_: Round) -> Table:
    decided = Application.objects.filter(
        round=round_, decided_at__isnull=False, submitted_at__isnull=False
    ).values_list("submitted_at", "decided_at")
    days = [(done - sent).total_seconds() / 86400 for sent, done in decided]
    headers = [_("Decided"), _("Median days"), _("Fewest days"), _("Most days")]
    row = [len(days), "", "", ""]
    if days:
        row = [
            len(days),
            round(statistics.median(days), 1),
            round(min(days), 1),
            round(max(days), 1),
        ]
    return Table("time_to_decision", _("Time from submission to decision"), headers, [row])


def _reviewers(round_: Round) -> Table:
    rows = (
        ReviewAssignment.objects.filter(application__round=round_)
        .values("reviewer__username", "reviewer__first_name", "reviewer__last_name")
        .annotate(
            assigned=Count("pk", filter=~Q(status=AssignmentStatus.RECUSED)),
            submitted=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
            recused=Count("pk", filter=Q(status=AssignmentStatus.RECUSED)),
        )
        .order_by("reviewer__last_name", "reviewer__username")
    )
    table = [
        [
            f"{r['reviewer__first_name']} {r['reviewer__last_name']}".strip()
            or r["reviewer__username"],
            r["assigned"],
            r["submitted"],
            r["recused"],
        ]
        for r in rows
    ]
    headers = [_("Reviewer"), _("Assigned"), _("Submitted"), _("Recused")]
    return Table("reviewers", _("Reviewer load"), headers, table)


def has_close_prior(prior_cases, threshold: float = CLOSE_PRIOR_SIMILARITY) -> bool:
    for item in prior_cases or []:
        similarity = item.get("similarity") if isinstance(item, dict) else None
        if isinstance(similarity, int | float) and similarity >= threshold:
            return True
    return False


def _prior(round_: Round) -> Table:
    counts = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}
    submitted = Application.objects.filter(round=round_, submitted_at__isnull=False)
    for prior, outcome in submitted.values_list("prior_cases", "outcome"):
        row = counts[has_close_prior(prior)]
        row[0] += 1
        if outcome == DecisionOutcome.GRANTED:
            row[1] += 1
        elif outcome == DecisionOutcome.REJECTED:
            row[2] += 1
        else:
            row[3] += 1
    headers = [_("Prior cases"), _("Applications"), _("Granted"), _("Rejected"), _("Undecided")]
    rows = [
        [_("With a close prior case"), *counts[True]],
        [_("Without a close prior case"), *counts[False]],
    ]
    return Table("prior_cases", _("Applications with close prior cases"), headers, rows)


def round_analytics(round_: Round) -> list[Table]:
    return [
        _stages(round_),
        _budget(round_),
        _money(round_),
        _days(round_),
        _reviewers(round_),
        _prior(round_),
    ]


def analytics_file(round_: Round, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the round's tables as CSV (zip), XLSX or ODS."""
    content_type, extension = FILES[fmt]
    data = EXPORT_WRITERS[fmt](round_analytics(round_))
    return data, content_type, f"ronde-{round_.slug}-cijfers.{extension}"


def public_results(round_: Round) -> list[dict]:
    """The round's granted experiments: title and public summary only."""
    rows = Application.objects.granted().filter(round=round_)
    return [
        {"title": title, "public_summary": summary}
        for title, summary in rows.order_by("title", "pk").values_list("title", "public_summary")
    ]
