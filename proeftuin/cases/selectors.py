"""Reads from the case library. Every read starts from ``Case.objects.visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from proeftuin.cases.facets import facets
from proeftuin.cases.filters import CaseFilterSet, apply_facet, apply_text
from proeftuin.cases.models import (
    Case,
    CaseFacetValue,
    CaseOrganisation,
    CaseSection,
    Citation,
)


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    key: str
    label: str
    choices: list[FacetChoice] = field(default_factory=list)

    @property
    def selected(self) -> list[FacetChoice]:
        return [c for c in self.choices if c.selected]


def case_visible(user) -> QuerySet[Case]:
    return Case.objects.visible_to(user)


def case_list_queryset(user) -> QuerySet[Case]:
    """Visible cases with what a list row shows, in a constant number of queries."""
    return case_visible(user).prefetch_related(
        Prefetch(
            "case_organisations",
            queryset=CaseOrganisation.objects.select_related("organisation"),
        ),
        "recognitions",
        "outcomes",
    )


def case_filter(*, user, data, queryset: QuerySet[Case] | None = None) -> CaseFilterSet:
    """The library's FilterSet over the cases ``user`` may see."""
    base = queryset if queryset is not None else case_list_queryset(user)
    return CaseFilterSet(data=data or {}, queryset=base)


def case_detail(*, user, slug: str | None = None, uuid=None) -> Case:
    """One visible case with all its parts; raises ``Case.DoesNotExist`` otherwise."""
    lookup = {"slug": slug} if slug is not None else {"uuid": uuid}
    return (
        case_visible(user)
        .select_related("theme_set", "owner", "created_by")
        .prefetch_related(
            Prefetch(
                "case_organisations",
                queryset=CaseOrganisation.objects.select_related("organisation"),
            ),
            Prefetch("sections", queryset=CaseSection.objects.select_related("theme")),
            "outcomes",
            "lessons",
            "barriers",
            "people",
            "partners__organisation",
            "recognitions",
            Prefetch("citations", queryset=Citation.objects.select_related("document")),
        )
        .get(**lookup)
    )


def _counts(cases: QuerySet[Case], keys: list[str]) -> dict[str, dict[str, int]]:
    rows = (
        CaseFacetValue.objects.filter(case__in=cases.order_by().values("id"), facet__in=keys)
        .values("facet", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {k: {} for k in keys}
    for row in rows:
        counts[row["facet"]][row["value"]] = row["n"]
    return counts


def _filtered(user, text: str, selection: dict[str, list[str]], skip: str | None):
    cases = apply_text(case_visible(user), text)
    for key, values in selection.items():
        if key != skip:
            cases = apply_facet(cases, key, values)
    return cases


def case_facet_counts(*, user, text: str, selection: dict[str, list[str]]) -> list[FacetResult]:
    """Counts per facet value among visible cases.

    A facet's own choice does not narrow its counts (OR within a facet), so each active
    facet needs one query; all others share one.
    """
    active = [k for k, v in selection.items() if v]
    inactive = [k for k in facets.names() if k not in active]
    counts = _counts(_filtered(user, text, selection, None), inactive) if inactive else {}
    for key in active:
        counts.update(_counts(_filtered(user, text, selection, key), [key]))
    return [_facet_result(f, counts.get(f.key, {}), selection.get(f.key, [])) for f in facets]


def _facet_result(facet, counts: dict[str, int], chosen: list[str]) -> FacetResult:
    labels = dict(facet.choices())
    order = {value: i for i, value in enumerate(labels)}
    values = [v for v in counts if counts[v] > 0] + [v for v in chosen if v not in counts]
    choices = [FacetChoice(v, str(labels.get(v, v)), counts.get(v, 0), v in chosen) for v in values]
    if facet.sort_by_label:
        choices.sort(key=lambda c: c.label.lower())
    elif order:
        choices.sort(key=lambda c: order.get(c.value, len(order)))
    else:
        choices.sort(key=lambda c: c.value, reverse=True)
    return FacetResult(facet.key, str(facet.label), choices)


def case_counts_by_province(user) -> dict[str, int]:
    rows = (
        CaseFacetValue.objects.filter(
            facet="province", case__in=case_visible(user).order_by().values("id")
        )
        .values("value")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["value"]: row["n"] for row in rows}


def cases_of_organisation(*, user, organisation) -> QuerySet[Case]:
    links = CaseOrganisation.objects.filter(organisation=organisation).values("case_id")
    return case_list_queryset(user).filter(id__in=links)
