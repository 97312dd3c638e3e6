"""The preferences form: per registered event, shown in the platform and how by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.notifications.choices import EmailFrequency
from proeftuin.notifications.events import events


class PreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, tuple[bool, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for event in events:
            in_platform, email = current[event.key]
            self.fields[f"{event.key}__platform"] = forms.BooleanField(
                label=_("Show in the platform"), required=False, initial=in_platform
            )
            self.fields[f"{event.key}__email"] = forms.ChoiceField(
                label=_("By e-mail"), choices=EmailFrequency.choices, initial=email
            )
            self.rows.append((event, self[f"{event.key}__platform"], self[f"{event.key}__email"]))

    def choices(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {e.key: (data[f"{e.key}__platform"], data[f"{e.key}__email"]) for e in events}
