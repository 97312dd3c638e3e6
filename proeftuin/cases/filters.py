"""One FilterSet for the case library page, its export and the API list."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from proeftuin.cases.facets import facets
from proeftuin.cases.models import CaseFacetValue, CaseOrganisation

MAX_VALUES_PER_FACET = 30
MAX_QUERY_LENGTH = 200

SORTS = {
    "recent": (_("Most recent first"), ["-year_start", "title"]),
    "oldest": (_("Oldest first"), ["year_start", "title"]),
    "title": (_("Title A-Z"), ["title"]),
    "updated": (_("Recently changed"), ["-updated_at"]),
}


class FacetValuesField(forms.Field):
    """Repeated query parameters (``?layer=local&layer=regional``) as a list of strings."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        if not value:
            return []
        values = [value] if isinstance(value, str) else list(value)
        cleaned = sorted({str(v).strip()[:80] for v in values if str(v).strip()})
        if len(cleaned) > MAX_VALUES_PER_FACET:
            raise forms.ValidationError(_("Too many values chosen for one filter."))
        return cleaned


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class FacetFilter(django_filters.Filter):
    field_class = FacetValuesField

    def filter(self, qs, value):
        return apply_facet(qs, self.field_name, value)


def apply_facet(qs: QuerySet, key: str, values: list[str]) -> QuerySet:
    """Cases having any of ``values`` for facet ``key`` (OR within a facet)."""
    if not values:
        return qs
    matching = CaseFacetValue.objects.filter(facet=key, value__in=values).values("case_id")
    return qs.filter(id__in=matching)


def apply_text(qs: QuerySet, text: str) -> QuerySet:
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return qs
    by_org = CaseOrganisation.objects.filter(
        Q(organisation__name__icontains=text) | Q(organisation__abbreviation__iexact=text)
    ).values("case_id")
    return qs.filter(Q(title__icontains=text) | Q(summary__icontains=text) | Q(id__in=by_org))


class BaseCaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text", label=_("Search"), max_length=MAX_QUERY_LENGTH
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        label=_("Sort"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        empty_label=None,
    )

    def filter_text(self, queryset, name, value):
        return apply_text(queryset, value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["recent"])[1])

    def facet_selection(self) -> dict[str, list[str]]:
        """The chosen values per facet, after validation."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return {key: data.get(key) or [] for key in facets.names()}


CaseFilterSet = type(
    "CaseFilterSet",
    (BaseCaseFilterSet,),
    {facet.key: FacetFilter(field_name=facet.key, label=facet.label) for facet in facets},
)
