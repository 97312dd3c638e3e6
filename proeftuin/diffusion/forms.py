"""HTML forms of adoptions: they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import LocalDecimalField, Visibility
from proeftuin.diffusion.choices import AdoptionStatus, MeasureUnit
from proeftuin.diffusion.models import Adoption

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
STARTING = [(s.value, s.label) for s in AdoptionStatus if s != AdoptionStatus.ABANDONED]
VISIBILITY_HELP = _(
    "Public: everyone who may see the innovation. Organisation only: your organisation and "
    "the innovator. Private: the editors of your organisation."
)


class SourceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Adoption) -> str:
        return f"{obj.adopter.name} ({obj.get_status_display()})"


def source_field(queryset) -> SourceChoice:
    return SourceChoice(
        label=_("Where did you learn of it?"),
        queryset=queryset,
        required=False,
        to_field_name="uuid",
        empty_label=_("Straight from the innovator"),
        help_text=_("Choose the organisation you learned it from, if not the innovator."),
    )


class StartForm(forms.Form):
    adopter = forms.ModelChoiceField(
        label=_("Adopting organisation"), queryset=None, to_field_name="slug"
    )
    status = forms.ChoiceField(label=_("Status"), choices=STARTING, initial="interested")
    visibility = forms.ChoiceField(
        label=_("Who may see this adoption"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        help_text=VISIBILITY_HELP,
    )
    started_on = forms.DateField(label=_("Started on"), required=False, **DATE)

    def __init__(self, *args, adopters, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopter"].queryset = adopters
        self.fields["source"] = source_field(sources)
        self.order_fields(["adopter", "source", "status", "visibility", "started_on"])
        if adopters.count() == 1:
            self.fields["adopter"].initial = adopters.first().slug


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AdoptionStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when abandoning: why did it stop?"),
    )
    on = forms.DateField(label=_("Date"), required=False, **DATE)


class AdoptionForm(forms.Form):
    adaptations = forms.CharField(
        label=_("What was adapted and why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    outcomes = forms.CharField(
        label=_("Outcomes at the adopter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see this adoption"),
        choices=Visibility.choices,
        help_text=VISIBILITY_HELP,
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"] = source_field(sources)


class MeasureForm(forms.Form):
    measure = forms.CharField(label=_("What is measured"), max_length=250, required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=MeasureUnit.choices, required=False)
    baseline = LocalDecimalField(label=_("Before"), required=False, max_digits=14, decimal_places=2)
    value = LocalDecimalField(label=_("After"), required=False, max_digits=14, decimal_places=2)
    measured_on = forms.DateField(label=_("Measured on"), required=False, **DATE)


MeasureFormSet = forms.formset_factory(MeasureForm, extra=2, max_num=20)


def measure_rows(formset) -> list[dict]:
    """The filled-in rows of the measures formset (empty rows left out)."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and str(form.cleaned_data.get("measure") or "").strip()
    ]
