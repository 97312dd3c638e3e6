"""The form to make a casebook; it only parses, the service decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.awards import permissions, selectors
from proeftuin.cases.service import ThemeSet


class CasebookForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    theme_set = forms.ModelChoiceField(
        label=_("Theme set"), queryset=ThemeSet.objects.order_by("-is_default", "name")
    )
    source = forms.ChoiceField(
        label=_("Which cases"),
        choices=[
            ("library", _("Cases of the library (a filter)")),
            ("edition", _("The finalists of an edition")),
        ],
        widget=forms.RadioSelect,
        initial="library",
    )
    library_filter = forms.CharField(
        label=_("Library filter"),
        required=False,
        max_length=500,
        help_text=_(
            "The part after “?” in the address of the case library after filtering, for "
            "example q=wijkteam&stage=pilot. Empty: every case of the library you may see."
        ),
    )
    edition = forms.ModelChoiceField(
        label=_("Edition"), required=False, queryset=None, to_field_name="slug"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        editions = selectors.editions_visible(user=user).select_related("competition__programme")
        organised = [e.pk for e in editions if permissions.can_organise(user, e.competition)[0]]
        self.fields["edition"].queryset = editions.filter(pk__in=organised).order_by(
            "-year", "title"
        )
        self.fields["theme_set"].initial = ThemeSet.objects.filter(is_default=True).first()

    def clean(self):
        data = super().clean()
        if data.get("source") == "edition" and not data.get("edition"):
            self.add_error("edition", _("Choose an edition you organise."))
        return data
