"""HTML forms of the barrier register: they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.barriers.choices import AuthorityKind, Category, HeatmapAxis, ReportStatus, State
from proeftuin.barriers.models import Authority
from proeftuin.core.service import EditorialStatus, Visibility
from proeftuin.organisations.service import Organisation


def text_area(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class BarrierForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    description = forms.CharField(label=_("Description"), widget=text_area(5))
    rule = forms.CharField(
        label=_("Rule or law concerned"),
        max_length=250,
        required=False,
        help_text=_("E.g. Participatiewet, artikel 8; leave empty when no rule is involved."),
    )
    rule_url = forms.CharField(
        label=_("Link to the article"),
        max_length=500,
        required=False,
        help_text=_("Where known, e.g. an address on wetten.overheid.nl."),
    )
    change_request = forms.CharField(
        label=_("Requested change"), required=False, widget=text_area()
    )
    authority = forms.ModelChoiceField(
        label=_("Authority that could remove it"),
        queryset=Authority.objects.order_by("name"),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Editorial status"),
        choices=[(EditorialStatus.PUBLISHED, _("published")), (EditorialStatus.DRAFT, _("draft"))],
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"] = forms.ModelChoiceField(
                label=_("Recorded by organisation"), queryset=owners
            )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("owner", None)
        return data


def owner_choices(organisation_ids):
    return Organisation.objects.filter(pk__in=organisation_ids).order_by("name")


class AuthorityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AuthorityKind.choices)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        """``organisations``: the ones the user may tie the authority to."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Organisation in the platform"),
            queryset=organisations if organisations is not None else Organisation.objects.none(),
            required=False,
            help_text=_("When the authority is an organisation in Proeftuin."),
        )


class MoveForm(forms.Form):
    state = forms.ChoiceField(label=_("New status"), choices=State.choices)
    resolution = forms.CharField(
        label=_("Resolution"),
        required=False,
        widget=text_area(),
        help_text=_("Needed for resolved and assumed rather than real."),
    )


class MergeForm(forms.Form):
    into = forms.SlugField(label=_("Merge into (the barrier that stays)"))


class LinkForm(forms.Form):
    barrier = forms.SlugField(label=_("Barrier"))


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("File format"), choices=[("csv", "CSV"), ("xlsx", "XLSX"), ("ods", "ODS")]
    )


class AxisForm(forms.Form):
    axis = forms.ChoiceField(
        label=_("Rows"), choices=HeatmapAxis.choices, required=False, initial=HeatmapAxis.LAYER
    )


class ReportForm(forms.Form):
    rule = forms.CharField(
        label=_("Which rule?"),
        max_length=250,
        help_text=_("The law, regulation or internal rule, as precisely as you can."),
    )
    description = forms.CharField(
        label=_("What goes wrong?"),
        widget=text_area(6),
        help_text=_("What does the rule block or make needlessly hard, and for whom?"),
    )
    suggestion = forms.CharField(label=_("What should change?"), required=False, widget=text_area())
    anonymous = forms.BooleanField(label=_("Report anonymously"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Only to tell you what happened with your report."),
    )
    # left empty by people; filled in by robots (hidden with CSS and from screen readers)
    website = forms.CharField(required=False, label=_("Leave this field empty"))


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(v, label) for v, label in ReportStatus.choices if v != ReportStatus.PENDING],
        widget=forms.RadioSelect,
    )
    barrier = forms.SlugField(
        label=_("Existing barrier (slug)"),
        required=False,
        help_text=_("Accept onto an existing barrier, or leave empty and choose a category."),
    )
    category = forms.ChoiceField(
        label=_("Category of a new barrier"),
        choices=[("", "---"), *Category.choices],
        required=False,
    )
    answer = forms.CharField(label=_("Answer to the reporter"), required=False, widget=text_area())
