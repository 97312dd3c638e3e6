"""The FilterSet of the initiative list: lead or partner organisation, kind, theme, stage.

The organisations and themes are the options of a ``<select>`` on every list page: they load
only what an option shows (value and name).
"""

from __future__ import annotations

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.service import Theme
from proeftuin.core.service import Stage
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.choices import InnovationKind


class InitiativeFilterSet(django_filters.FilterSet):
    organisatie = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.only("slug", "name").order_by("name"),
        to_field_name="slug",
        method="by_organisation",
        empty_label=_("All organisations"),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Kind of innovation"),
        field_name="kind",
        choices=InnovationKind.choices,
        empty_label=_("All kinds"),
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.only("name"),
        field_name="themes",
        empty_label=_("All themes"),
    )

    fase = django_filters.ChoiceFilter(
        label=_("Stage"),
        field_name="stage__key",
        choices=lambda: stage_choices(),
        empty_label=_("All stages"),
    )

    def by_organisation(self, queryset, name, value):
        partner = queryset.model.objects.filter(partners=value).values("pk")
        return queryset.filter(Q(owner=value) | Q(pk__in=partner))


def stage_choices() -> list[tuple[str, str]]:
    """The stages of the initiative pipelines by key (an organisation's copy keeps the keys
    of the default), in the order of the default pipeline."""
    default_first = F("workflow__owner_id").asc(nulls_first=True)
    stages = Stage.objects.filter(workflow__kind="initiative").order_by(
        default_first, "order", "id"
    )
    choices: dict[str, str] = {}
    for stage in stages:
        choices.setdefault(stage.key, stage.label())
    return list(choices.items())
