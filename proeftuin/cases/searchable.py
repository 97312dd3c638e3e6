"""The case library in search: cases are findable by their passages, filtered and counted by
their facets (the bitmaps of ``facet_index``), and compared for "similar cases" and "has this
been done before?" (``proeftuin.core.searchable``; registered from ``CasesConfig.ready``)."""

from __future__ import annotations

from functools import reduce

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from proeftuin.cases.facet_index import chosen_bitmaps, facet_index, visible_bitmap
from proeftuin.cases.facets import facets
from proeftuin.cases.filters import CaseFilterSet
from proeftuin.cases.models import Case, CaseFacetValue
from proeftuin.cases.selectors import case_facet_counts
from proeftuin.core.service import (
    Faceting,
    Related,
    Searchable,
    SearchOwner,
    SearchText,
    register_searchable,
)
from proeftuin.organisations.service import Organisation

SHARED_FACETS = ("domain", "type")  # facets that make two cases related by themselves
MAX_SHARED_THEMES = 3  # a case with more themes is not related by its themes
PARTS = ("case_organisations__organisation", "sections__theme", "lessons", "outcomes", "barriers")


def case_texts(case_id: int) -> list[SearchText] | None:
    """The passages of a case: a summary (title and summary, with the names of its
    organisations so a search by name finds it) and one per theme section, lesson, outcome
    and barrier; ``None`` when the case is gone, deleted or archived (it leaves search)."""
    case = (
        Case.objects.filter(pk=case_id, deleted_at__isnull=True)
        .in_library()
        .prefetch_related(*PARTS)
        .first()
    )
    if case is None:
        return None
    names = [
        " ".join(filter(None, [link.organisation.name, link.organisation.abbreviation]))
        for link in case.case_organisations.all()
    ]
    texts = [SearchText("summary", case.title, case.summary, "\n".join(names))]
    texts += [SearchText("section", s.theme.name, s.body) for s in case.sections.all()]
    texts += [SearchText("lesson", str(x.get_kind_display()), x.text) for x in case.lessons.all()]
    texts += [SearchText("outcome", _("Outcome"), _outcome_text(o)) for o in case.outcomes.all()]
    texts += [
        SearchText("barrier", str(b.get_category_display()), b.text) for b in case.barriers.all()
    ]
    return texts


def _outcome_text(outcome) -> str:
    parts = [outcome.measure, f"{outcome.value.normalize():f} {outcome.get_unit_display()}"]
    parts += [p for p in (outcome.period, outcome.baseline) if p]
    return " · ".join(str(p) for p in parts)


def case_owners(ids) -> dict[int, SearchOwner]:
    """What hits show of cases: title, page, and the names of their organisations."""
    names: dict[int, list[str]] = {}
    rows = Case.objects.filter(id__in=ids).values_list(
        "id", "case_organisations__organisation__name"
    )
    for case_id, name in rows.order_by("id", "case_organisations__order"):
        if name:
            names.setdefault(case_id, []).append(name)
    owners = {}
    for case_id, uuid, slug, title in Case.objects.filter(id__in=ids).values_list(
        "id", "uuid", "slug", "title"
    ):
        details = tuple(names.get(case_id, []))
        owners[case_id] = SearchOwner(
            id=case_id,
            uuid=str(uuid),
            title=title,
            url=reverse("cases:detail", kwargs={"slug": slug}),
            slug=slug,
            details=details,
            api={"uuid": str(uuid), "title": title, "slug": slug, "organisations": list(details)},
            links={
                "url": ("api:case-detail", {"uuid": str(uuid)}),
                "web_url": ("cases:detail", {"slug": slug}),
            },
        )
    return owners


def _chosen(selection) -> int:
    """The cases having, per chosen facet, any of its values."""
    return reduce(int.__and__, chosen_bitmaps(facet_index(), selection).values(), -1)


def _pairs(ids) -> dict[int, list[str]]:
    pairs: dict[int, list[str]] = {}
    rows = CaseFacetValue.objects.filter(case_id__in=ids).values_list("case_id", "facet", "value")
    for case_id, facet, value in rows:
        pairs.setdefault(case_id, []).append(f"{facet}={value}")
    return pairs


def _having(key: str, values: list[str]) -> QuerySet:
    return CaseFacetValue.objects.filter(facet=key, value__in=values).values("case_id")


def _counts(*, user, selection, within=None):
    return case_facet_counts(user=user, text="", selection=selection, within=within)


def parse_facets(params) -> dict[str, list[str]]:
    """The facet filters in ``params`` (a QueryDict or a dict of lists), validated by the
    FilterSet of the case library; raises ValidationError like the cases list would."""
    data = QueryDict(mutable=True)
    for key in facets.names():
        values = params.getlist(key) if hasattr(params, "getlist") else params.get(key, [])
        if values:
            data.setlist(key, list(values))
    filterset = CaseFilterSet(data=data, queryset=Case.objects.none())
    if not filterset.is_valid():
        raise serializers.ValidationError(
            {key: [str(e) for e in errors] for key, errors in filterset.errors.items()}
        )
    return {key: values for key, values in filterset.facet_selection().items() if values}


def case_traits(case_ids: set[int]) -> dict[int, set[str]]:
    """Per case: its domains and organisation types, and its themes when it has few."""
    index = facet_index()
    out: dict[int, set[str]] = {}
    for key in (*SHARED_FACETS, "theme"):
        labels = dict(index.choices.get(key, []))
        found: dict[int, set[str]] = {}
        for value, bits in index.values.get(key, {}).items():
            for case_id in case_ids:
                if bits >> case_id & 1:
                    found.setdefault(case_id, set()).add(str(labels.get(value, value)))
        for case_id, values in found.items():
            if key != "theme" or len(values) <= MAX_SHARED_THEMES:
                out.setdefault(case_id, set()).update(values)
    return out


def _vocabulary():
    """Public words a misspelt query may be corrected to: organisation and case names."""
    yield from Organisation.objects.values_list("name", flat=True).iterator()
    yield from Case.objects.published_public().values_list("title", flat=True).iterator()


def register() -> None:
    register_searchable(
        Searchable(
            key="case",
            model="cases.Case",
            label=gettext_lazy("Case"),
            texts=case_texts,
            visible_to=Case.objects.visible_to,
            visible=lambda user: visible_bitmap(user, facet_index()),
            public=Case.objects.published_public,
            owners=case_owners,
            all_ids=lambda: Case.objects.values_list("id", flat=True).iterator(),
            faceting=Faceting(
                facets=facets,
                chosen=_chosen,
                pairs=_pairs,
                having=_having,
                counts=_counts,
                parse=parse_facets,
            ),
            related=Related(
                describing=("summary", "section"),
                summary="summary",
                text=lambda case: f"{case.title}\n{case.summary}",
                traits=case_traits,
            ),
            vocabulary=_vocabulary,
            domains=("organisations", "cases"),  # organisation names, public case titles
            job="search.index_case",
        )
    )
