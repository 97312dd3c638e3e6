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
