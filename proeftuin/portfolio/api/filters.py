"""The filters of the API's initiative list: the HTML list's (lead or partner organisation,
kind of innovation, theme, stage), named in English and by uuid or key."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.portfolio.choices import InnovationKind
from proeftuin.portfolio.filters import stage_choices


class InitiativeApiFilterSet(django_filters.FilterSet):
    organisation = django_filters.UUIDFilter(
        label=_("Organisation (lead or chain partner), by uuid"), method="by_organisation"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of innovation"), field_name="kind", choices=InnovationKind.choices
    )
    theme = django_filters.UUIDFilter(label=_("Theme, by uuid"), field_name="themes__uuid")
    stage = django_filters.ChoiceFilter(
        label=_("Stage, by key"), field_name="stage__key", choices=lambda: stage_choices()
    )

    def by_organisation(self, queryset, name, value):
        partner = queryset.model.objects.filter(partners__uuid=value).values("pk")
        return queryset.filter(Q(owner__uuid=value) | Q(pk__in=partner))
