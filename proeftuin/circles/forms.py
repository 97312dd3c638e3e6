"""HTML forms of groups; they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.circles.choices import CircleKind, ImplementationStatus, Openness


class CircleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of group"), choices=CircleKind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    openness = forms.ChoiceField(
        label=_("Who may read the group"),
        choices=Openness.choices,
        initial=Openness.MEMBERS,
        help_text=_(
            "Members always read everything. An open group is read by everyone who may see "
            "its innovation; only members take part."
        ),
    )
    accepts_requests = forms.BooleanField(
        label=_("Others may ask to join"), required=False, initial=True
    )


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class InviteForm(forms.Form):
    username = forms.CharField(label=_("User name of the person to invite"), max_length=150)
    message = forms.CharField(
        label=_("Message (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationStatus.choices
    )
    status_note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    notes = forms.CharField(
        label=_("Notes (minutes)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV."),
    )


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Your question"), max_length=250)
    text = forms.CharField(
        label=_("Explanation (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
