"""Counts of adoptions: over time (per year or quarter), per province of the adopters and
per organisation. Built from rows already scoped by ``visible_to``."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from proeftuin.diffusion.choices import TAKEN_UP, AdoptionStatus
from proeftuin.organisations.service import Organisation

PERIODS = ("year", "quarter")


def period_of(day: datetime.date, period: str) -> str:
    if period == "quarter":
        return f"{day.year}-K{(day.month - 1) // 3 + 1}"
    return str(day.year)


def _periods_between(first: datetime.date, last: datetime.date, period: str) -> list[str]:
    labels, day = [], first.replace(day=1)
    while day <= last:
        label = period_of(day, period)
        if label not in labels:
            labels.append(label)
        month = day.month + (3 if period == "quarter" else 12)
        day = day.replace(year=day.year + (month - 1) // 12, month=(month - 1) % 12 + 1)
    if period_of(last, period) not in labels:
        labels.append(period_of(last, period))
    return labels


@dataclass(frozen=True)
class PeriodRow:
    period: str
    started: int
    adopted: int
    abandoned: int
    total_adopted: int  # cumulative: in use at the end of the period (abandonments counted off)


def counts_over_time(rows, period: str = "year") -> list[PeriodRow]:
    """Per period from the first start to the last event: adoptions started, taken up
    (adopted or adapted) and abandoned, and the running number in use."""
    period = period if period in PERIODS else "year"
    started, adopted, abandoned, left = Counter(), Counter(), Counter(), Counter()
    days = []
    for row in rows:
        started[period_of(row.started_on, period)] += 1
        days.append(row.started_on)
        if row.adopted_on:
            adopted[period_of(row.adopted_on, period)] += 1
            days.append(row.adopted_on)
        if row.status == AdoptionStatus.ABANDONED and row.ended_on:
            abandoned[period_of(row.ended_on, period)] += 1
            days.append(row.ended_on)
            if row.adopted_on:  # it had been in use: it leaves the running count
                left[period_of(row.ended_on, period)] += 1
    if not days:
        return []
    table, running = [], 0
    for label in _periods_between(min(days), max(days), period):
        running += adopted[label] - left[label]
        table.append(PeriodRow(label, started[label], adopted[label], abandoned[label], running))
    return table


def counts_by_province(rows) -> dict[str, int]:
    """Adopting organisations per province code (those in use or under way; abandoned
    adoptions left out)."""
    counts = Counter(
        row.adopter.province
        for row in rows
        if row.adopter.province and row.status != AdoptionStatus.ABANDONED
    )
    return dict(counts)


def counts_by_organisation(visible: QuerySet, *, limit: int = 20) -> list[dict]:
    """The organisations that adopted most (in use, and in all), from visible adoptions."""
    rows = (
        visible.order_by()
        .values("adopter_id")
        .annotate(total=Count("id"), taken_up=Count("id", filter=Q(status__in=TAKEN_UP)))
        .order_by("-taken_up", "-total", "adopter_id")[:limit]
    )
    rows = list(rows)
    names = Organisation.objects.in_bulk([r["adopter_id"] for r in rows])
    return [{**r, "organisation": names[r["adopter_id"]]} for r in rows]
