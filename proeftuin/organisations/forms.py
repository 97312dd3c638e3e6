from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.organisations.choices import GovernmentLayer, OrganisationType, Province
from proeftuin.organisations.models import Domain


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    abbreviation = forms.CharField(label=_("Abbreviation"), max_length=30, required=False)
    government_layer = forms.ChoiceField(
        label=_("Government layer"), choices=GovernmentLayer.choices
    )
    organisation_type = forms.ChoiceField(
        label=_("Organisation type"), choices=OrganisationType.choices
    )
    staff_exact = forms.IntegerField(label=_("Staff (exact number)"), min_value=0, required=False)
    staff_min = forms.IntegerField(label=_("Staff from"), min_value=0, required=False)
    staff_max = forms.IntegerField(label=_("Staff to"), min_value=0, required=False)
    staff_year = forms.IntegerField(
        label=_("Year of the staff count"), min_value=1800, max_value=2100, required=False
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Domains"),
        queryset=Domain.objects.all(),
        to_field_name="key",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    province = forms.ChoiceField(
        label=_("Province"), choices=[("", "—"), *Province.choices], required=False
    )
    municipality = forms.CharField(label=_("Municipality"), max_length=120, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    share_review_decisions = forms.BooleanField(
        label=_("Share our review decisions with other organisations"),
        help_text=_(
            "Off: what reviewers of this organisation accept or reject teaches only the "
            "reading of this organisation's own documents."
        ),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["domains"] = [d.key for d in data["domains"]]
        data.pop("version", None)
        return data
