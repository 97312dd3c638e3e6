from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.comments.models import MAX_LENGTH


class CommentForm(forms.Form):
    """Only parses: the service checks the text (empty, too long) and who may post."""

    body = forms.CharField(
        label=_("Your comment"),
        help_text=_("Mention someone with @username."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_LENGTH}),
        required=False,
        strip=False,
    )
