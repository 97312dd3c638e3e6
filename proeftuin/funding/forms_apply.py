"""HTML forms of applying and screening; they only parse, the services decide (amounts,
answers and rules are checked there, so the form and the API give the same messages)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import LocalDecimalField
from proeftuin.funding.choices import QuestionKind
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import KpiDirection, KpiUnit

TEXTAREA = {"widget": forms.Textarea(attrs={"rows": 5})}
ANSWER_PREFIX = "q_"


def answer_field_name(key: str) -> str:
    return f"{ANSWER_PREFIX}{key}"


class StartForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    initiative = forms.ChoiceField(
        label=_("Start from an initiative"),
        required=False,
        help_text=_("Its title, problem and intended result are copied into the application."),
    )

    def __init__(self, *args, organisations, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations
        self.fields["initiative"].choices = [("", _("(none: start empty)"))] + [
            (str(i.uuid), i.title) for i in initiatives
        ]


def _answer_field(question, organisations):
    common = {"label": question.label, "required": False, "help_text": question.help_text}
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(**common, **TEXTAREA)
    if question.kind == QuestionKind.CHOICE:
        choices = [("", "—")] + [(c, c) for c in question.choices]
        return forms.ChoiceField(**common, choices=choices)
    if question.kind == QuestionKind.ORGANISATION:
        choices = [("", "—")] + [(str(o.uuid), o.name) for o in organisations]
        return forms.ChoiceField(**common, choices=choices)
    if question.kind == QuestionKind.TEAM:
        common["help_text"] = _("User names or e-mail addresses, separated by commas.")
    return forms.CharField(**common, max_length=2000)


class ApplicationForm(forms.Form):
    """The draft: the problem and the idea first, then the amounts and the round's
    questions (file questions are answered with attachments, in their own form)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(label=_("Title"), max_length=250)
    problem = forms.CharField(label=_("Problem"), required=False, **TEXTAREA)
    idea = forms.CharField(label=_("Idea"), required=False, **TEXTAREA)
    public_summary = forms.CharField(
        label=_("Public summary"),
        required=False,
        help_text=_("Published when the application is granted."),
        **TEXTAREA,
    )
    amount_requested = forms.CharField(label=_("Amount requested (EUR)"), required=False)
    total_cost = forms.CharField(label=_("Total cost (EUR)"), required=False)
    duration_months = forms.CharField(label=_("Duration (months)"), required=False)
    category = forms.ChoiceField(label=_("Budget category"), required=False)

    MAIN = ("title", "problem", "idea", "public_summary")
    MONEY = ("amount_requested", "total_cost", "duration_months", "category")

    def __init__(self, *args, round, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if q.kind != QuestionKind.FILE]
        self.fields["category"].choices = [("", "—")] + [
            (str(c.pk), c.name) for c in round.categories.all()
        ]
        needs_orgs = any(q.kind == QuestionKind.ORGANISATION for q in self.questions)
        organisations = list(Organisation.objects.order_by("name")) if needs_orgs else []
        for question in self.questions:
            self.fields[answer_field_name(question.key)] = _answer_field(question, organisations)

    def main_fields(self):
        return [self[name] for name in self.MAIN]

    def money_fields(self):
        return [self[name] for name in self.MONEY]

    def answer_fields(self):
        return [self[answer_field_name(q.key)] for q in self.questions]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.MAIN + self.MONEY}
        data["answers"] = {
            q.key: self.cleaned_data[answer_field_name(q.key)] for q in self.questions
        }
        return data

    def field_for(self, error_key: str) -> str | None:
        """The form field a service's field error belongs to (``answers.key`` → ``q_key``)."""
        name = error_key
        if error_key.startswith("answers."):
            name = answer_field_name(error_key.split(".", 1)[1])
        return name if name in self.fields else None


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.order_by("name")
    )
    contribution = forms.CharField(label=_("Contribution"), max_length=300, required=False)


class KpiForm(forms.Form):
    """What the experiment will measure; it becomes a KPI of the initiative on a grant."""

    measure = forms.CharField(label=_("What is measured"), max_length=250)
    unit = forms.ChoiceField(label=_("Unit"))
    baseline = LocalDecimalField(label=_("Baseline"), required=False)
    target = LocalDecimalField(label=_("Target"), required=False)
    direction = forms.ChoiceField(label=_("Direction"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = KpiUnit.choices
        self.fields["direction"].choices = KpiDirection.choices


class CoApplicantForm(forms.Form):
    person = forms.CharField(
        label=_("Co-applicant"),
        max_length=254,
        help_text=_("User name or e-mail address of a member of the lead or a partner."),
    )


class AttachmentForm(forms.Form):
    question = forms.ChoiceField(label=_("Question"))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [
            (q.key, q.label) for q in questions if q.kind == QuestionKind.FILE
        ]


class SubmitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.CharField(label=_("Your answer to the question"), required=False, **TEXTAREA)


class WithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Why do you withdraw the application?"), **TEXTAREA)


class ScreeningForm(forms.Form):
    ACTIONS = (
        ("start", _("Start screening")),
        ("eligible", _("Eligible: on to review")),
        ("ineligible", _("Not eligible: reject")),
        ("more_info", _("Ask the applicants for more information")),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Reasons, or the question for the applicants"),
        required=False,
        **TEXTAREA,
    )
