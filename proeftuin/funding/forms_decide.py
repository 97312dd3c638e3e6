"""Forms of the decision pages; they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import LocalDecimalField
from proeftuin.funding.services_decisions import DecisionInput
from proeftuin.portfolio.service import InnovationKind

SKIP = ""


def batch_from_post(data, applications) -> list[DecisionInput]:
    """The decisions of the batch form: one row per application (``<uuid>-outcome`` empty
    means: not decided now). Amounts stay text; the service parses and checks them."""
    decisions = []
    for application in applications:
        prefix = str(application.uuid)
        outcome = (data.get(f"{prefix}-outcome") or SKIP).strip()
        if outcome == SKIP:
            continue
        version = data.get(f"{prefix}-version") or None
        decisions.append(
            DecisionInput(
                application=application,
                outcome=outcome,
                amount=data.get(f"{prefix}-amount", ""),
                conditions=data.get(f"{prefix}-conditions", ""),
                reasons=data.get(f"{prefix}-reasons", ""),
                expected_version=int(version) if version and version.isdigit() else None,
            )
        )
    return decisions


class LetterTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=250)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class InitiativeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of innovation"), choices=InnovationKind.choices)


class TrancheForm(forms.Form):
    milestone = forms.CharField(label=_("Milestone"), max_length=300)
    amount = LocalDecimalField(label=_("Amount (EUR)"), max_digits=12, decimal_places=2)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Paid on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FulfilForm(forms.Form):
    evidence = forms.CharField(
        label=_("How it was fulfilled"), widget=forms.Textarea(attrs={"rows": 3})
    )
