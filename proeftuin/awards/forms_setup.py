"""Forms of the organisers' set-up pages: a new competition, a new edition, an edition's
timeline and scale, its criteria and categories. They only parse; the services decide (so
a missing title, date or year is refused by the service, in Dutch, beside its field)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MOMENT = {
    "required": False,
    "widget": forms.DateTimeInput(
        attrs={"type": "datetime-local"},
        format="%Y-%m-%dT%H:%M",
    ),
}
DAY = {"required": False, "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
# left empty: the service's default when new, as it was when editing
NUMBERS = ("score_min", "score_max", "top_size", "finalists")


class Needed(forms.Form):
    """The fields the service requires are marked required in the page (``required`` on the
    input, no "optional" in the label); the form itself lets them through empty so that the
    service's own Dutch message is the one shown."""

    needed: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.needed:
            if name in self.fields:
                self.fields[name].widget.attrs["required"] = True


class CompetitionForm(Needed):
    needed = ("name",)

    programme = forms.ModelChoiceField(
        label=_("Organiser (programme)"),
        queryset=None,
        empty_label=None,
        help_text=_("The managers of this programme organise the competition."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class EditionForm(Needed):
    needed = ("title", "nominations_open", "nominations_close", "submissions_close", "year")

    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    nominations_open = forms.DateTimeField(label=_("Nominations open"), **MOMENT)
    nominations_close = forms.DateTimeField(label=_("Nominations close"), **MOMENT)
    submissions_close = forms.DateTimeField(label=_("Deadline for submissions"), **MOMENT)
    selection_on = forms.DateField(label=_("Selection"), **DAY)
    pitches_on = forms.DateField(label=_("Pitches"), **DAY)
    site_visits_on = forms.DateField(label=_("Site visits"), **DAY)
    ceremony_on = forms.DateField(label=_("Ceremony"), **DAY)
    score_min = forms.IntegerField(label=_("Lowest score"), initial=1, required=False)
    score_max = forms.IntegerField(label=_("Highest score"), initial=10, required=False)
    top_size = forms.IntegerField(
        label=_("Size of the top"), initial=10, min_value=1, max_value=1000, required=False
    )
    finalists = forms.IntegerField(
        label=_("Number of finalists"), initial=3, min_value=1, max_value=1000, required=False
    )
    vote_opens = forms.DateTimeField(
        label=_("Public vote opens"),
        help_text=_("Leave both moments empty for no audience prize."),
        **MOMENT,
    )
    vote_closes = forms.DateTimeField(label=_("Public vote closes"), **MOMENT)
    published = forms.BooleanField(
        label=_("Published: the edition's page is public and nominations can be made"),
        required=False,
    )

    def cleaned(self) -> dict:
        data = dict(self.cleaned_data)
        for name in NUMBERS:
            if data.get(name) is None:
                data.pop(name, None)
        data["title"] = (data.get("title") or "").strip()
        return data


class NewEditionForm(EditionForm):
    year = forms.IntegerField(label=_("Year"), required=False)

    field_order = ["year", "title"]


class CriterionForm(Needed):
    needed = ("name",)

    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    weight = forms.IntegerField(
        label=_("Weight"), initial=1, required=False, help_text=_("A whole number from 1 to 100.")
    )
    theme = forms.ChoiceField(
        label=_("Casebook theme"),
        required=False,
        help_text=_("A finalist's text on this criterion lands in this theme of its case."),
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("None")), *themes]


class CategoryForm(Needed):
    needed = ("name",)

    name = forms.CharField(label=_("Category"), max_length=150, required=False)
