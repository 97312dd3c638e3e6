"""Reads from the case library. Every read starts from ``Case.objects.visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Count, Prefetch, Q, QuerySet

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.cases.choices import UNPUBLISHED
from proeftuin.cases.facet_index import (
    bitmap,
    chosen_bitmaps,
    count_values,
    facet_index,
    visible_bitmap,
)
from proeftuin.cases.facets import facets
from proeftuin.cases.filters import CaseFilterSet, apply_text
from proeftuin.cases.models import (
    Case,
    CaseFacetValue,
    CaseOrganisation,
    CaseSection,
    Citation,
)
from proeftuin.documents.service import Document, documents_visible
from proeftuin.organisations.service import Organisation


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


def case_visible(user) -> QuerySet[Case]:
    return Case.objects.visible_to(user)


def unpublished_cases() -> QuerySet[Case]:
    """Drafts and cases in review, not deleted, whoever may see them (for services that
    decide what is derived from what; never shown as such)."""
    return Case.objects.filter(status__in=UNPUBLISHED, deleted_at__isnull=True)


def case_in_library(user) -> QuerySet[Case]:
    """Visible cases the library, its exports and counts show (archived ones left out)."""
    return case_visible(user).in_library()


def case_list_queryset(user) -> QuerySet[Case]:
    """Library cases with what a list row shows, in a constant number of queries."""
    return case_in_library(user).prefetch_related(
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
            "record_citations",
        )
        .get(**lookup)
    )


@dataclass
class FacetCounts:
    facets: list[FacetResult]
    total: int


def case_facet_counts(
    *, user, text: str, selection: dict[str, list[str]], within: int | None = None
) -> FacetCounts:
    """Counts per facet value among the cases ``user`` may see, and the number of matches.

    ``within``: a bitmap of case ids to count among (the matches of a search), if any.
    A facet's own choice does not narrow its counts (OR within a facet, AND across facets).
    """
    index = facet_index()
    scope = visible_bitmap(user, index)
    if within is not None:
        scope &= within
    if text.strip():
        scope &= bitmap(apply_text(Case.objects.all(), text).values_list("id", flat=True))
    chosen = chosen_bitmaps(index, selection)
    results = []
    for facet in facets:
        others = [bits for key, bits in chosen.items() if key != facet.key]
        counts = count_values(index, facet.key, reduce(int.__and__, others, scope))
        results.append(_facet_result(facet, index, counts, selection.get(facet.key, [])))
    total = reduce(int.__and__, chosen.values(), scope).bit_count()
    return FacetCounts(results, total)


def _facet_result(facet, index, counts: dict[str, int], chosen: list[str]) -> FacetResult:
    labels = dict(index.choices[facet.key])
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
            facet="province", case__in=case_in_library(user).order_by().values("id")
        )
        .values("value")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["value"]: row["n"] for row in rows}


def cases_of_organisation(*, user, organisation) -> QuerySet[Case]:
    links = CaseOrganisation.objects.filter(organisation=organisation).values("case_id")
    return case_list_queryset(user).filter(id__in=links)


def case_lead_choices(*, user, case: Case | None = None) -> QuerySet[Organisation]:
    """Organisations ``user`` may name as lead: where they are a contributor (everything
    for platform administrators), and the case's current lead."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    allowed = Q(pk__in=organisation_ids_with_role(user, Role.CONTRIBUTOR))
    if case is not None:
        allowed |= Q(case_links__case=case, case_links__is_lead=True)
    return Organisation.objects.filter(allowed).distinct()


def case_citable_documents(*, user, case: Case | None = None) -> QuerySet[Document]:
    """Documents ``user`` may pick as a source: those they may see, and those the case
    already cites."""
    visible = documents_visible(user)
    if case is None:
        return visible
    cited = Citation.objects.filter(case=case).values("document_id")
    return Document.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=cited))
