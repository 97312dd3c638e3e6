"""HTML forms of the review part; they only parse, the services decide (a score outside
the scale or a missing one is the service's refusal, shown on the field)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.funding.choices import SCORE_MAX, SCORE_MIN, Recommendation
from proeftuin.funding.services_reviews_scores import score_field
from proeftuin.organisations.service import Organisation

SCALE = [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
TEXT = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False, "max_length": 10000}


def note_field(criterion) -> str:
    return f"note_{criterion.pk}"


class ReviewForm(forms.Form):
    """A radio group 0-5 and a comment per criterion of the round, the overall comment
    and the recommendation; ``version`` is the review's version the form was opened with."""

    comment = forms.CharField(label=_("Overall comment"), **TEXT)
    recommendation = forms.CharField(
        label=_("Your recommendation"),
        required=False,
        widget=forms.RadioSelect(choices=Recommendation.choices),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[score_field(criterion)] = forms.CharField(
                label=criterion.name,
                help_text=criterion.description,
                required=False,
                widget=forms.RadioSelect(choices=SCALE),
            )
            self.fields[note_field(criterion)] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name}, **TEXT
            )

    def criterion_fields(self):
        """(criterion, score field, comment field) per criterion, for the template."""
        return [(c, self[score_field(c)], self[note_field(c)]) for c in self.criteria]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "scores": {c.pk: data.get(score_field(c)) for c in self.criteria},
            "score_comments": {c.pk: data.get(note_field(c), "") for c in self.criteria},
            "comment": data.get("comment", ""),
            "recommendation": data.get("recommendation", ""),
            "version": data.get("version"),
        }


def review_initial(review) -> dict:
    """The form's values of a saved review."""
    if review is None:
        return {"version": 0}
    initial = {
        "comment": review.comment,
        "recommendation": review.recommendation,
        "version": review.version,
    }
    for score in review.scores.all():
        initial[f"score_{score.criterion_id}"] = str(score.score)
        initial[f"note_{score.criterion_id}"] = score.comment
    return initial


class RecuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you recuse yourself?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("E.g. a relation with the applicants you had not declared."),
    )


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ConflictForm(forms.Form):
    organisation = OrganisationChoice(
        label=_("Organisation"),
        queryset=Organisation.objects.only("pk", "uuid", "name").order_by("name"),
        to_field_name="uuid",
        required=False,
    )
    reason = forms.CharField(
        label=_("Your relation with the organisation"),
        max_length=300,
        required=False,
        help_text=_("E.g. former employer until 2024, partner works there, paid advisor."),
    )


class AssignForm(forms.Form):
    application = forms.UUIDField(widget=forms.HiddenInput)
    reviewer = forms.UUIDField(widget=forms.HiddenInput)


class BatchForm(forms.Form):
    METHODS = [("expertise", _("by expertise")), ("round_robin", _("round-robin"))]

    method = forms.ChoiceField(label=_("How"), choices=METHODS)
    per_application = forms.IntegerField(
        label=_("Reviewers per application"), initial=2, required=False
    )
    maximum = forms.IntegerField(
        label=_("At most this many applications per reviewer"),
        required=False,
        help_text=_("Empty: each reviewer's own maximum for the round."),
    )
