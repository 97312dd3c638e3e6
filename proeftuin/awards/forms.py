"""HTML forms of the awards pages; they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.awards.choices import NominationSource
from proeftuin.organisations.service import Organisation

TEXTAREA = {"widget": forms.Textarea(attrs={"rows": 6})}


class NominateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    source = forms.ChoiceField(
        label=_("Who nominates"), choices=NominationSource.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    motivation = forms.CharField(
        label=_("Why this organisation"),
        required=False,
        help_text=_("Needed when you nominate another organisation."),
        **TEXTAREA,
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        categories = list(edition.categories.all())
        self.categories = {str(c.pk): c for c in categories}
        if categories:
            self.fields["category"].choices = [("", "—")] + [
                (str(c.pk), c.name) for c in categories
            ]
        else:
            del self.fields["category"]

    def cleaned(self) -> dict:
        data = dict(self.cleaned_data)
        data["category"] = self.categories.get(data.get("category") or "")
        return data


class ConsentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    give = forms.TypedChoiceField(
        label=_("Consent"),
        choices=[("1", _("Yes, we take part")), ("0", _("No, we do not take part"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=300)


class SubmissionForm(forms.Form):
    """A text per criterion of the edition."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.CharField(
                label=criterion.name,
                required=False,
                help_text=criterion.description,
                **TEXTAREA,
            )

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"c{c.pk}", "") for c in self.criteria}

    def text_fields(self):
        return [self[f"c{c.pk}"] for c in self.criteria]


class PanelMemberForm(forms.Form):
    person = forms.CharField(
        label=_("Member"),
        max_length=254,
        help_text=_("User name or e-mail address."),
    )
    chair = forms.BooleanField(label=_("Chair of the panel"), required=False)


class DecisionForm(forms.Form):
    notes = forms.CharField(label=_("Discussion notes"), required=False, **TEXTAREA)

    def __init__(self, *args, candidates=(), choices=None, **kwargs):
        """``candidates``: the nominations to choose from; or, to show the form only,
        ``choices``: their ``(uuid, nominee's name)``."""
        super().__init__(*args, **kwargs)
        self.candidates = {str(n.uuid): n for n in candidates}
        if choices is None:
            choices = [(str(n.uuid), n.owner.name) for n in candidates]
        self.fields["chosen"] = forms.MultipleChoiceField(
            label=_("Chosen"), choices=choices, widget=forms.CheckboxSelectMultiple
        )

    def chosen(self) -> list:
        return [self.candidates[key] for key in self.cleaned_data["chosen"]]


class ScorecardForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=_("Comment"), required=False, **TEXTAREA)

    def __init__(self, *args, criteria, low: int, high: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"s{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                required=False,
                help_text=_("From %(low)d to %(high)d.") % {"low": low, "high": high},
            )
            self.fields[f"n{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data.get(f"s{c.pk}"), self.cleaned_data.get(f"n{c.pk}", ""))
            for c in self.criteria
        }

    def pairs(self):
        return [(self[f"s{c.pk}"], self[f"n{c.pk}"]) for c in self.criteria]


class RecusalForm(forms.Form):
    reason = forms.CharField(label=_("Why you step aside"), max_length=300)


class SiteVisitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    visited_on = forms.DateField(
        label=_("Visited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    findings = forms.CharField(label=_("Findings of the jury"), **TEXTAREA)
