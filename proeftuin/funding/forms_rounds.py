"""Forms of the round-management pages (funds, rounds, categories, criteria, form
questions, rules, screeners and reviewers); they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import LocalDecimalField, LocalIntegerField
from proeftuin.funding.choices import FundRole, QuestionKind, QuestionPhase, RuleKind

MONEY = {"max_digits": 12, "decimal_places": 2}
MOMENT = {"widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
DAY = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class FundForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), **MOMENT)
    closes_at = forms.DateTimeField(label=_("Deadline"), **MOMENT)
    decision_due = forms.DateField(label=_("Decisions due by"), required=False, **DAY)
    budget = LocalDecimalField(label=_("Budget (EUR)"), min_value=0, **MONEY)
    published = forms.BooleanField(
        label=_("Published: open for applications and on the public page"), required=False
    )
    report_every_months = forms.IntegerField(
        label=_("Progress report every (months)"),
        min_value=1,
        max_value=12,
        initial=3,
        required=False,
        help_text=_("A granted experiment reports its progress at this interval."),
    )

    def clean(self):
        data = super().clean()
        if data.get("report_every_months") is None:  # left empty: as it was (3 when new)
            data.pop("report_every_months", None)
        return data


class NewRoundForm(RoundForm):
    two_stage = forms.BooleanField(
        label=_("Two stages: an idea sketch first, a full proposal on invitation"),
        required=False,
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Category"), max_length=150)
    amount = LocalDecimalField(label=_("Budget (EUR)"), min_value=0, **MONEY)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    weight = LocalDecimalField(label=_("Weight"), max_digits=5, decimal_places=2, initial=1)


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Options (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Only for a choice."),
    )
    help_text = forms.CharField(label=_("Explanation"), max_length=500, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    phase = forms.ChoiceField(
        label=_("Asked in"), choices=QuestionPhase.choices, initial=QuestionPhase.BOTH
    )

    def cleaned(self) -> dict:
        data = dict(self.cleaned_data)
        data["choices"] = [line.strip() for line in data["choices"].splitlines() if line.strip()]
        data["key"] = slugify(data["label"])[:60] or "vraag"
        return data


class RuleForm(forms.Form):
    """One rule: its kind, and the parameters that kind needs (the others stay empty)."""

    kind = forms.ChoiceField(label=_("Rule"), choices=RuleKind.choices)
    bands = forms.CharField(
        label=_("Co-financing bands"),
        required=False,
        help_text=_(
            "Per band 'up to amount: percentage', the last without an amount, e.g. "
            "'200000: 25; : 40' (25% up to EUR 200,000, 40% above)."
        ),
    )
    amount = LocalDecimalField(label=_("Maximum amount (EUR)"), required=False, **MONEY)
    months = LocalIntegerField(label=_("Maximum duration (months)"), required=False)
    count = LocalIntegerField(label=_("Minimum number of government bodies"), required=False)
    question = forms.CharField(label=_("Key of the file question"), required=False)
    min_chars = LocalIntegerField(label=_("Summary: at least (characters)"), required=False)
    max_chars = LocalIntegerField(label=_("Summary: at most (characters)"), required=False)

    def params(self) -> dict:
        data, kind = self.cleaned_data, self.cleaned_data["kind"]
        if kind == RuleKind.CO_FINANCING:
            return {"bands": parse_bands(data["bands"])}
        keys = {
            RuleKind.MAX_AMOUNT: ["amount"],
            RuleKind.MAX_DURATION: ["months"],
            RuleKind.MIN_GOVERNMENT_BODIES: ["count"],
            RuleKind.REQUIRED_ATTACHMENT: ["question"],
            RuleKind.PUBLIC_SUMMARY: ["min_chars", "max_chars"],
        }[kind]
        return {key: _plain(data[key]) for key in keys if data[key] not in (None, "")}


def _plain(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def parse_bands(text: str) -> list[dict]:
    """'200000: 25; : 40' -> [{"up_to": 200000, "percent": 25}, {"up_to": None, ...}];
    what cannot be read is passed on as text, for the rule check to refuse in Dutch."""
    bands = []
    for part in (text or "").replace("\n", ";").split(";"):
        if not part.strip():
            continue
        limit, _sep, percent = part.partition(":")
        limit = limit.strip().replace(".", "").replace("€", "").replace("EUR", "").strip()
        bands.append({"up_to": limit or None, "percent": percent.strip().replace(",", ".")})
    return bands


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=FundRole.choices)
    expertise = forms.CharField(label=_("Expertise"), max_length=300, required=False)
    max_assignments = LocalIntegerField(
        label=_("At most this many applications per round"), min_value=1, initial=10
    )
