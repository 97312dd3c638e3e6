"""The FilterSet of the initiative list: lead or partner organisation, kind, theme, stage.

The organisations, themes and stages are the options of a ``<select>`` on every list page:
they are kept in the shared cache until an organisation, theme or pipeline changes
(``_options``); a chosen organisation or theme is still looked up in the database.
"""

from __future__ import annotations

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.service import Theme
from proeftuin.core.fragments import shared_value
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
        choices=[],  # set with the other options (``form``)
        empty_label=_("All stages"),
    )

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            options = shared_value(
                "portfolio.filter.options.1",
                lambda: _options(form),
                depends_on=("organisations", "cases", "workflows"),
            )
            for name in MODEL_CHOICES:
                field = form.fields[name]
                field.widget.choices = [("", field.empty_label), *options[name]]
            form.fields["fase"].choices = options["fase"]
        return self._form

    def by_organisation(self, queryset, name, value):
        partner = queryset.model.objects.filter(partners=value).values("pk")
        return queryset.filter(Q(owner=value) | Q(pk__in=partner))


MODEL_CHOICES = ("organisatie", "thema")


def _options(form) -> dict[str, list[tuple[str, str]]]:
    """(value, label) of every option but the empty one: of the model choice fields as the
    fields list them, and the stages."""
    options = {
        name: [(str(value), str(label)) for value, label in form.fields[name].choices if value]
        for name in MODEL_CHOICES
    }
    return {**options, "fase": stage_choices()}


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
