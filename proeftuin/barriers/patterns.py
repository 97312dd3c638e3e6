"""Seeing the pattern: the heatmap of government layers or organisation types against
categories, trends over time, the report per authority and the casusadoptie dossier.
Everything counts only what the user may see: visible barriers, and confirmed links to
initiatives and cases the user may see (``BarrierLink.objects.visible_to``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncYear
from django.utils.translation import gettext as _

from proeftuin.barriers.choices import CLOSED, Category, HeatmapAxis, LinkStatus, State
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.organisations.service import GovernmentLayer, OrganisationType

LEVELS = 5  # colour steps; each cell also shows its number


@dataclass
class Table:
    """A chart's table (the exports' shape: ``key``, ``headers``, ``rows``)."""

    key: str
    title: str
    headers: list
    rows: list


def _axis(axis: str):
    if axis == HeatmapAxis.TYPE:
        return "organisation__organisation_type", OrganisationType
    return "organisation__government_layer", GovernmentLayer


def heatmap(*, user, axis: str = HeatmapAxis.LAYER) -> dict:
    """Distinct barriers per (row, category), rows the organisations' layer or type."""
    field, choices = _axis(axis)
    counts = (
        BarrierLink.objects.visible_to(user)
        .filter(status=LinkStatus.CONFIRMED, barrier__merged_into__isnull=True)
        .values_list(field, "barrier__category")
        .annotate(n=Count("barrier", distinct=True))
    )
    cells = {(row, col): n for row, col, n in counts}
    top = max(cells.values(), default=0)
    rows = []
    for value, label in choices.choices:
        values = [cells.get((value, c), 0) for c in Category.values]
        rows.append(
            {
                "label": label,
                "cells": [
                    {"count": n, "level": _level(n, top), "category": c}
                    for n, c in zip(values, Category.values, strict=True)
                ],
                "total": sum(values),
            }
        )
    return {"rows": rows, "categories": Category.choices, "axis": axis, "top": top}


def _level(n: int, top: int) -> int:
    return 0 if not n or not top else max(1, -(-n * LEVELS // top))


def heatmap_table(data: dict) -> Table:
    headers = ["", *[str(label) for _c, label in data["categories"]]]
    rows = [[str(r["label"]), *[c["count"] for c in r["cells"]]] for r in data["rows"]]
    return Table("heatmap", _("Barriers per category"), headers, rows)


def trends(*, user) -> Table:
    """Per year: barriers recorded per category, and how many of them are closed now."""
    rows = (
        Barrier.objects.visible_to(user)
        .current()
        .annotate(year=TruncYear("created_at"))
        .values_list("year", "category")
        .annotate(n=Count("pk"))
    )
    closed = dict(
        Barrier.objects.visible_to(user)
        .current()
        .filter(state__in=CLOSED)
        .annotate(year=TruncYear("created_at"))
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    years = sorted({year for year, _c, _n in rows})
    cells = {(year, c): n for year, c, n in rows}
    headers = [_("Year"), *[str(label) for _c, label in Category.choices], _("Closed since")]
    table = [
        [year.year, *[cells.get((year, c), 0) for c in Category.values], closed.get(year, 0)]
        for year in years
    ]
    return Table("trends", _("Barriers recorded per year"), headers, table)


def authority_report(*, user, authority, barriers=None) -> list[dict]:
    """Per barrier routed to ``authority``: what, since when, whom it blocks (visible
    organisations) and which initiatives wait (visible, linked, barrier not closed).
    ``barriers``: one page of them (the page shows it in pages); all when left out."""
    from proeftuin.barriers.selectors import authority_barriers

    if barriers is None:
        barriers = authority_barriers(user=user, authority=authority)
    barriers = list(barriers)
    links = (
        BarrierLink.objects.visible_to(user)
        .filter(barrier__in=barriers, status=LinkStatus.CONFIRMED)
        .select_related("organisation", "initiative", "case")
    )
    by_barrier: dict[int, list] = {}
    for link in links:
        by_barrier.setdefault(link.barrier_id, []).append(link)
    report = []
    for barrier in barriers:
        mine = by_barrier.get(barrier.pk, [])
        waiting = (
            []
            if barrier.state in CLOSED
            else [link.initiative for link in mine if link.initiative_id]
        )
        report.append(
            {
                "barrier": barrier,
                "since": barrier.created_at,
                "organisations": sorted({link.organisation.name for link in mine}),
                "waiting": waiting,
                "cases": [link.case for link in mine if link.case_id],
            }
        )
    return report


def authority_table(report: list[dict]) -> Table:
    headers = [
        _("Barrier"),
        _("Category"),
        _("Status"),
        _("Since"),
        _("Organisations blocked"),
        _("Initiatives waiting"),
    ]
    rows = [
        [
            item["barrier"].title,
            str(Category(item["barrier"].category).label),
            str(State(item["barrier"].state).label),
            item["since"].date().isoformat(),
            "; ".join(item["organisations"]),
            "; ".join(i.title for i in item["waiting"]),
        ]
        for item in report
    ]
    return Table("authority", _("Report per authority"), headers, rows)


def dossier(*, user, barrier) -> dict:
    """The casusadoptie dossier: the rule, the requested change and the cases (and
    initiatives) behind it, with what each recorded, for a request to change the rule."""
    links = list(
        BarrierLink.objects.visible_to(user)
        .filter(barrier=barrier, status=LinkStatus.CONFIRMED)
        .select_related("case", "initiative", "organisation")
        .order_by("organisation__name", "pk")
    )
    first = links and min(link.created_at for link in links)
    return {
        "cases": [link for link in links if link.case_id],
        "initiatives": [link for link in links if link.initiative_id],
        "organisations": sorted({link.organisation.name for link in links}),
        "first": first or None,
    }
