"""HTML forms of the portfolio: they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.service import Theme
from proeftuin.core.service import EditorialStatus, LocalDecimalField, Visibility
from proeftuin.organisations.service import Domain, Organisation
from proeftuin.portfolio.choices import (
    REFLECTION_PROMPTS,
    InnovationKind,
    KpiDirection,
    KpiUnit,
    OecdFacet,
    TeamRole,
)
from proeftuin.portfolio.services_parts import unit_mismatch_message

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
AMOUNT = {"max_digits": 14, "decimal_places": 2}


def text_area(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


def multiple(queryset, label, size: int = 6):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": size}),
    )


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    problem = forms.CharField(
        label=_("Societal problem"),
        widget=text_area(5),
        help_text=_("Start with the problem, not the solution: what goes wrong, and where?"),
    )
    affected = forms.CharField(label=_("Who suffers from it"), required=False, widget=text_area())
    chain = forms.CharField(
        label=_("Process or chain involved"), required=False, widget=text_area()
    )
    intended_result = forms.CharField(
        label=_("Intended result"), required=False, widget=text_area()
    )
    owner = forms.ModelChoiceField(label=_("Lead organisation"), queryset=Organisation.objects)
    partners = multiple(Organisation.objects.order_by("name"), _("Chain partners"))
    kind = forms.ChoiceField(label=_("Kind of innovation"), choices=InnovationKind.choices)
    facets = forms.MultipleChoiceField(
        label=_("OECD facets"),
        choices=OecdFacet.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = multiple(Theme.objects.select_related("theme_set"), _("Themes"))
    domains = multiple(Domain.objects.all(), _("Domains"))
    inspired_by_cases = multiple(Organisation.objects.none(), _("Inspired by cases"))
    inspired_by = multiple(Organisation.objects.none(), _("Inspired by initiatives"))
    started_on = forms.DateField(label=_("Start date"), required=False, **DATE)
    evaluation_date = forms.DateField(
        label=_("Evaluation date"),
        required=False,
        help_text=_("For a pilot: when it is evaluated and a go or no-go decided."),
        **DATE,
    )
    reflection_interval_days = forms.IntegerField(
        label=_("Reflection interval (days)"), required=False, min_value=1, max_value=366
    )
    lessons = forms.CharField(label=_("Lessons"), required=False, widget=text_area(4))
    status = forms.ChoiceField(
        label=_("Editorial status"),
        choices=[c for c in EditorialStatus.choices if c[0] != EditorialStatus.ARCHIVED],
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, lead_choices, cases, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = lead_choices  # the service checks the lead again
        self.fields["inspired_by_cases"].queryset = cases
        self.fields["inspired_by"].queryset = initiatives

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class PartForm(forms.Form):
    """A form for one part of an initiative, with the ``updated_at`` it was opened with."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, initiative=None, **kwargs):
        self.initiative = initiative
        super().__init__(*args, **kwargs)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("updated_at", None)
        return data


class TeamMemberForm(PartForm):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Organisation.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Only members of the lead organisation or of a chain partner can join the team."
            )
        },
    )
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username


class TeamRoleForm(PartForm):
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class LearningQuestionForm(PartForm):
    text = forms.CharField(label=_("Learning question"), widget=text_area(2))
    order = forms.IntegerField(label=_("Position"), required=False, min_value=0)


class ReflectionForm(PartForm):
    date = forms.DateField(label=_("Date"), **DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in REFLECTION_PROMPTS:
            self.fields[name] = forms.CharField(label=question, required=False, widget=text_area())
        self.fields["questions"] = forms.ModelMultipleChoiceField(
            label=_("Learning questions this reflection answers"),
            queryset=self.initiative.learning_questions.all(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class KpiForm(PartForm):
    measure = forms.CharField(label=_("What is measured"), max_length=250)
    unit = forms.ChoiceField(label=_("Unit"), choices=KpiUnit.choices)
    baseline = LocalDecimalField(label=_("Baseline"), required=False, **AMOUNT)
    target = LocalDecimalField(label=_("Target"), required=False, **AMOUNT)
    direction = forms.ChoiceField(label=_("Direction"), choices=KpiDirection.choices)


class MeasurementForm(PartForm):
    date = forms.DateField(label=_("Date"), **DATE)
    value = LocalDecimalField(label=_("Value"), **AMOUNT)
    unit = forms.ChoiceField(label=_("Unit of the value"), choices=KpiUnit.choices)
    source = forms.CharField(label=_("Source"), max_length=250, required=False)

    def __init__(self, *args, kpi, **kwargs):
        self.kpi = kpi
        super().__init__(*args, **kwargs)
        self.fields["unit"].initial = kpi.unit

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        if unit != self.kpi.unit:
            raise forms.ValidationError(unit_mismatch_message(self.kpi))
        return unit


class BudgetLineForm(PartForm):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    funding_source = forms.CharField(label=_("Funding source"), max_length=200)
    planned = LocalDecimalField(label=_("Planned (EUR)"), min_value=0, **AMOUNT)
    committed = LocalDecimalField(label=_("Committed (EUR)"), min_value=0, **AMOUNT)
    spent = LocalDecimalField(label=_("Spent (EUR)"), min_value=0, **AMOUNT)
    confirm_overspend = forms.BooleanField(
        label=_("I confirm that more was spent than planned"), required=False
    )
    overspend_reason = forms.CharField(
        label=_("Reason for spending more than planned"), required=False, widget=text_area(2)
    )


class HoursForm(PartForm):
    role = forms.CharField(label=_("Role"), max_length=200)
    hours_per_week = LocalDecimalField(label=_("Hours per week"), max_digits=6, decimal_places=1)
    start = forms.DateField(label=_("From"), **DATE)
    end = forms.DateField(label=_("To"), required=False, **DATE)


REFLECTION_PROMPTS_FIELDS = [name for name, _question in REFLECTION_PROMPTS]
