"""Editor forms for a case: the main fields, one text per theme, and formsets for lists."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.choices import (
    BarrierCategory,
    Direction,
    EditorialStatus,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
    RecognitionKind,
    Stage,
    Visibility,
)
from proeftuin.cases.models import ThemeSet
from proeftuin.core.service import LocalDecimalField
from proeftuin.documents.service import Document
from proeftuin.organisations.service import Organisation

YEAR = {"min_value": 1900, "max_value": 2100, "required": False}


def blank_first(choices) -> list[tuple[str, str]]:
    """Choices with an empty first option, so an untouched empty row stays empty."""
    return [("", "—"), *choices]


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.all()
    )
    other_organisations = forms.ModelMultipleChoiceField(
        label=_("Other organisations"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    year_start = forms.IntegerField(label=_("First year"), **YEAR)
    year_end = forms.IntegerField(label=_("Last year"), **YEAR)
    stage = forms.ChoiceField(label=_("Lifecycle stage"), choices=Stage.choices)
    theme_set = forms.ModelChoiceField(
        label=_("Theme set"),
        queryset=ThemeSet.objects.all(),
        to_field_name="key",
        empty_label=None,
    )
    status = forms.ChoiceField(label=_("Editorial status"), choices=EditorialStatus.choices)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, themes=(), lead_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lead_choices is not None:  # the service checks the lead again
            self.fields["lead_organisation"].queryset = lead_choices
        if (self.initial or {}).get("status") != EditorialStatus.ARCHIVED:
            # archiving has its own step; an archived case keeps its status here
            self.fields["status"].choices = [
                c for c in EditorialStatus.choices if c[0] != EditorialStatus.ARCHIVED
            ]
        self.theme_keys = []
        for theme in themes:
            name = f"section_{theme.key}"
            self.theme_keys.append((theme.key, name))
            self.fields[name] = forms.CharField(
                label=theme.name, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )

    def section_fields(self):
        return [self[name] for _key, name in self.theme_keys]

    def service_data(self) -> dict:
        data = self.cleaned_data
        organisations = [data["lead_organisation"]] + [
            o for o in data["other_organisations"] if o != data["lead_organisation"]
        ]
        return {
            "title": data["title"],
            "summary": data["summary"],
            "year_start": data["year_start"],
            "year_end": data["year_end"],
            "stage": data["stage"],
            "status": data["status"],
            "visibility": data["visibility"],
            "organisations": organisations,
            "sections": {key: data.get(name, "") for key, name in self.theme_keys},
        }


class OutcomeForm(forms.Form):
    measure = forms.CharField(label=_("What is measured"), max_length=250)
    value = LocalDecimalField(label=_("Value"), max_digits=16, decimal_places=2)
    unit = forms.ChoiceField(label=_("Unit"), choices=blank_first(OutcomeUnit.choices))
    direction = forms.ChoiceField(label=_("Direction"), choices=blank_first(Direction.choices))
    kind = forms.ChoiceField(label=_("Kind"), choices=blank_first(OutcomeKind.choices))
    period = forms.CharField(label=_("Period"), max_length=60, required=False)
    baseline = forms.CharField(label=_("Baseline"), max_length=120, required=False)


class LessonForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=blank_first(LessonKind.choices))
    text = forms.CharField(label=_("Lesson"), widget=forms.Textarea(attrs={"rows": 2}))


class BarrierForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=blank_first(BarrierCategory.choices))
    text = forms.CharField(label=_("Barrier"), widget=forms.Textarea(attrs={"rows": 2}))


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("In the registry"), queryset=Organisation.objects.all(), required=False
    )


class RecognitionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=blank_first(RecognitionKind.choices))
    name = forms.CharField(label=_("Name"), max_length=200)
    year = forms.IntegerField(label=_("Year"), **YEAR)


class CitationForm(forms.Form):
    field = forms.CharField(label=_("Field"), max_length=120)
    document = forms.ModelChoiceField(label=_("Document"), queryset=Document.objects.none())
    page = forms.IntegerField(label=_("Page"), min_value=1, required=False)
    quote = forms.CharField(
        label=_("Quote"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        # only documents the user may see are offered (and accepted: the service checks too)
        if documents is not None:
            self.fields["document"].queryset = documents


FORMSETS = {
    "outcomes": (_("Outcomes"), OutcomeForm),
    "lessons": (_("Lessons"), LessonForm),
    "barriers": (_("Barriers"), BarrierForm),
    "people": (_("People (personal data)"), PersonForm),
    "partners": (_("Partner organisations"), PartnerForm),
    "recognitions": (_("Recognition"), RecognitionForm),
    "citations": (_("Sources"), CitationForm),
}


def build_formsets(data=None, initial=None, documents=None) -> dict[str, forms.BaseFormSet]:
    """One formset per list of the case, each with two empty rows to add to.
    ``documents``: the documents the citation rows may pick (none when not given)."""
    initial = initial or {}
    result = {}
    for name, (label, form_class) in FORMSETS.items():
        formset_class = formset_factory(form_class, extra=2, can_delete=True)
        form_kwargs = {"documents": documents} if form_class is CitationForm else {}
        formset = formset_class(
            data=data, initial=initial.get(name), prefix=name, form_kwargs=form_kwargs
        )
        formset.label = label
        result[name] = formset
    return result


def formset_rows(formset) -> list[dict]:
    """The filled, not-deleted rows of a valid formset, as service input."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class PublishForm(forms.Form):
    """The publish step's confirmation: the version the preview showed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ArchiveForm(PublishForm):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the history of the case."),
    )
