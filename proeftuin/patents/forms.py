"""HTML forms of innovation patents; they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import LocalDecimalField
from proeftuin.organisations.service import Organisation
from proeftuin.patents.choices import DEFAULT_REWARD, ClaimDecision

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AwardForm(forms.Form):
    innovation = forms.CharField(
        label=_("Innovation"),
        max_length=300,
        help_text=_(
            "The web address (or the last part of it) of the initiative or case that proved "
            "itself, e.g. /initiatieven/sneller-schuldhulp/."
        ),
    )
    title = forms.CharField(
        label=_("Title of the patent"),
        max_length=250,
        required=False,
        help_text=_("Empty: the title of the innovation."),
    )
    reward_per_adopter = LocalDecimalField(
        label=_("Reward per adopting organisation (EUR)"),
        max_digits=12,
        decimal_places=2,
        initial=DEFAULT_REWARD,
    )
    awarded_on = forms.DateField(label=_("Awarded on"), required=False, **DATE)
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("E.g. at least one introduction meeting per adopting organisation."),
    )


class OrganisationChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date of the meeting"), **DATE)
    adopters = OrganisationChoices(
        label=_("Organisations introduced"),
        queryset=Organisation.objects.only("pk", "uuid", "name"),
        to_field_name="uuid",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ClaimForm(forms.Form):
    adopter = forms.ModelChoiceField(
        label=_("Adopting organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="uuid",
        help_text=_("The organisations with an adoption of this innovation."),
    )

    def __init__(self, *args, adopters=None, **kwargs):
        super().__init__(*args, **kwargs)
        if adopters is not None:
            self.fields["adopter"].queryset = adopters


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ClaimDecision.choices)
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    paid_on = forms.DateField(label=_("Paid on"), required=False, **DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
