"""Forms of the review: one correction form per kind of value, never JSON.

Each form starts from the suggestion's current value (``initial_for``), parses what a
person typed (Dutch numbers: "0,5", "1.234,5") and gives back the value in the shape the
case builder expects (``to_value``), checked once more by ``values.problem``. Fields with
an error carry ``aria-invalid`` and point to their message with ``aria-describedby``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.cases.service import (
    BarrierCategory,
    Direction,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
)
from proeftuin.core.service import LocalDecimalField, LocalIntegerField, json_number
from proeftuin.ingestion import values
from proeftuin.organisations.service import (
    GovernmentLayer,
    OrganisationType,
    organisation_queryset,
)

YEAR_MESSAGE = gettext_lazy("Enter a year between 1900 and 2100.")
CSS = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Report or casebook (PDF, DOCX, ODT, HTML, text)"))

    def __init__(self, *args, owners=None, **kwargs):
        """``owners``: the organisations the user may upload for; a choice is offered
        only when there is more than one (the service checks the choice again)."""
        super().__init__(*args, **kwargs)
        if owners is not None and len(owners) > 1:
            self.fields["owner"] = forms.ModelChoiceField(
                label=gettext_lazy("Organisation"),
                queryset=owners,
                empty_label=None,
                error_messages={
                    "invalid_choice": gettext_lazy(
                        "Choose an organisation where you may upload documents."
                    )
                },
                widget=forms.Select(attrs={"class": CSS[forms.Select]}),
            )


def blank_first(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


def year_field(label, *, required=True) -> forms.IntegerField:
    return LocalIntegerField(
        label=label,
        required=required,
        min_value=values.MIN_YEAR,
        max_value=values.MAX_YEAR,
        grouping=False,
        error_messages={"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE},
    )


class AccessibleForm(forms.Form):
    """Utrecht classes on every widget; errors tied to their field for screen readers."""

    use_required_attribute = False  # the server says what is missing, in Dutch

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = next((c for w, c in CSS.items() if isinstance(field.widget, w)), TEXTBOX)
            field.widget.attrs.setdefault("class", css)
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                field, ids = self.fields[name], [f"{self[name].auto_id}-error"]
                if field.help_text:
                    ids.append(f"{self[name].auto_id}-help")
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class ValueForm(AccessibleForm):
    """The correction of one suggestion; subclasses define the fields of one kind."""

    def __init__(self, *args, suggestion, known: values.Lookups | None = None, **kwargs):
        self.suggestion = suggestion
        self.known = known
        kwargs.setdefault("prefix", f"s{suggestion.uuid.hex}")
        kwargs.setdefault("initial", self.initial_for(suggestion.final_value))
        super().__init__(*args, **kwargs)

    @property
    def error_id(self) -> str:
        return f"{self.prefix}-errors"

    @classmethod
    def initial_for(cls, value) -> dict:
        return dict(value) if isinstance(value, dict) else {"value": value}

    def to_value(self):
        return self.cleaned_data["value"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            problem = values.problem(self.suggestion.field, self.to_value(), self.known)
            if problem:
                raise forms.ValidationError(problem)
        return data


class TextForm(ValueForm):
    value = forms.CharField(label=gettext_lazy("Text"), max_length=250)


class LongTextForm(ValueForm):
    value = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 5}))


class YearForm(ValueForm):
    value = year_field(gettext_lazy("Year"))


class WebsiteForm(ValueForm):
    value = forms.URLField(label=gettext_lazy("Web address"), max_length=200, assume_scheme="https")


class ChoiceForm(ValueForm):
    choices = ()
    value = forms.ChoiceField(label=gettext_lazy("Choice"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = blank_first(self.choices)


class LayerForm(ChoiceForm):
    choices = GovernmentLayer.choices


class TypeForm(ChoiceForm):
    choices = OrganisationType.choices


class DomainsForm(ValueForm):
    value = forms.MultipleChoiceField(
        label=gettext_lazy("Policy domains"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        known = self.known or values.lookups()
        self.fields["value"].choices = sorted(known.domains.items(), key=lambda kv: kv[1])


class OrganisationForm(ValueForm):
    """An organisation from the registry, or the name of a new one."""

    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation in the registry"),
        queryset=organisation_queryset().none(),
        required=False,
        to_field_name="uuid",
        empty_label=gettext_lazy("— new organisation —"),
    )
    new_name = forms.CharField(
        label=gettext_lazy("Or the name of a new organisation"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the registry is public: every organisation in it may be named in a case
        registry = organisation_queryset().prefetch_related(None).only("uuid", "name")
        self.fields["organisation"].queryset = registry

    @classmethod
    def initial_for(cls, value) -> dict:
        name = str(value or "").strip()
        found = organisation_queryset().filter(name__iexact=name).first() if name else None
        return {"organisation": found.uuid} if found else {"new_name": name}

    def clean(self):
        data = self.cleaned_data
        chosen, name = data.get("organisation"), (data.get("new_name") or "").strip()
        if chosen and name:
            self.add_error("new_name", _("Choose an organisation or type a new name, not both."))
        elif not chosen and not name:
            self.add_error("new_name", _("Choose an organisation or type the name of a new one."))
        return super().clean()

    def to_value(self):
        chosen = self.cleaned_data.get("organisation")
        return chosen.name if chosen else self.cleaned_data["new_name"].strip()


class StaffForm(ValueForm):
    exact = LocalIntegerField(label=gettext_lazy("Number of staff"), min_value=0, required=False)
    min = LocalIntegerField(label=gettext_lazy("Or from"), min_value=0, required=False)
    max = LocalIntegerField(label=gettext_lazy("to"), min_value=0, required=False)
    year = LocalIntegerField(
        label=gettext_lazy("Counted in (year)"),
        min_value=values.MIN_STAFF_YEAR,
        max_value=values.MAX_YEAR,
        required=False,
        grouping=False,
    )

    def to_value(self):
        data = self.cleaned_data
        value = {k: data[k] for k in ("exact", "min", "max") if data.get(k) is not None}
        return {**value, "year": data.get("year")}


class OutcomeForm(ValueForm):
    measure = forms.CharField(label=gettext_lazy("What is measured"), max_length=250)
    value = LocalDecimalField(label=gettext_lazy("Value"), max_digits=16, decimal_places=2)
    value_max = LocalDecimalField(
        label=gettext_lazy("Up to (for a range)"), max_digits=16, decimal_places=2, required=False
    )
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), choices=blank_first(OutcomeUnit.choices))
    direction = forms.ChoiceField(
        label=gettext_lazy("Direction"), choices=blank_first(Direction.choices)
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=blank_first(OutcomeKind.choices))
    baseline = forms.CharField(
        label=gettext_lazy("Baseline"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("For example “van 9” (from 9) or “ten opzichte van 2019”."),
    )
    period = forms.CharField(label=gettext_lazy("Period"), max_length=60, required=False)

    def to_value(self):
        data = self.cleaned_data
        value = {
            "measure": data["measure"].strip(),
            "value": json_number(data["value"]),
            "unit": data["unit"],
            "direction": data["direction"],
            "kind": data["kind"],
            "period": data.get("period", "").strip(),
            "baseline": data.get("baseline", "").strip(),
        }
        if data.get("value_max") is not None:
            value["value_max"] = json_number(data["value_max"])
        return value


class LessonForm(ValueForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=blank_first(LessonKind.choices))
    text = forms.CharField(label=gettext_lazy("Lesson"), widget=forms.Textarea(attrs={"rows": 3}))

    def to_value(self):
        return {"kind": self.cleaned_data["kind"], "text": self.cleaned_data["text"].strip()}


class BarrierForm(ValueForm):
    category = forms.ChoiceField(
        label=gettext_lazy("Category"), choices=blank_first(BarrierCategory.choices)
    )
    text = forms.CharField(label=gettext_lazy("Barrier"), widget=forms.Textarea(attrs={"rows": 3}))

    def to_value(self):
        data = self.cleaned_data
        return {"category": data["category"], "text": data["text"].strip()}


class PersonForm(ValueForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    role = forms.CharField(label=gettext_lazy("Role"), max_length=200)

    def to_value(self):
        data = self.cleaned_data
        return {"name": data["name"].strip(), "role": data["role"].strip()}


class PartnerForm(ValueForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    role = forms.CharField(label=gettext_lazy("Role"), max_length=200, required=False)

    def to_value(self):
        value = {"name": self.cleaned_data["name"].strip()}
        role = self.cleaned_data.get("role", "").strip()
        return {**value, "role": role} if role else value


FORMS: dict[str, type[ValueForm]] = {
    "title": TextForm,
    "summary": LongTextForm,
    "section": LongTextForm,
    "year": YearForm,
    "organisation": OrganisationForm,
    "staff": StaffForm,
    "government_layer": LayerForm,
    "organisation_type": TypeForm,
    "domains": DomainsForm,
    "website": WebsiteForm,
    "outcome": OutcomeForm,
    "lesson": LessonForm,
    "barrier": BarrierForm,
    "person": PersonForm,
    "partner": PartnerForm,
}


def value_form(suggestion, data=None, known: values.Lookups | None = None) -> ValueForm | None:
    """The correction form for ``suggestion``; None for a field the review does not know."""
    form_class = FORMS.get(values.kind_of(suggestion.field) or "")
    return form_class(data, suggestion=suggestion, known=known) if form_class else None


class ThresholdForm(AccessibleForm):
    """The threshold of "accept all above", in the notation shown ("0,8")."""

    threshold = LocalDecimalField(
        label=gettext_lazy("Accept all with confidence at least"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=3,
        initial=0.8,
        error_messages={
            "min_value": gettext_lazy("Enter a number from 0 to 1, for example 0.8."),
            "max_value": gettext_lazy("Enter a number from 0 to 1, for example 0.8."),
        },
    )
    expected = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
