"""The "Fase wijzigen" page: the moves the user may make now, a form per move; the
mechanism (core workflows) decides, its refusals are shown in the error summary."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.core.service import Decision, DomainError, Transition, allowed_moves, workflow_move
from proeftuin.portfolio.stages import gate_decision, gate_questions
from proeftuin.portfolio.views import (
    _detail_url,
    forbidden,
    show_domain_error,
    visible_initiative,
)


class MoveForm(forms.Form):
    """One move: the decision is fixed by where the move leads (the mechanism checks it)."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, transition, questions, **kwargs):
        super().__init__(*args, prefix=f"move-{transition.pk}", **kwargs)
        self.transition = transition
        self.decision = gate_decision(transition)
        self.decision_label = Decision(self.decision).label if self.decision else ""
        if not transition.is_gate:
            return
        for question in questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.label(),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["evidence"] = forms.CharField(
            label=gettext_lazy("Evidence looked at"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def answers(self) -> dict[str, str]:
        prefix = "answer_"
        data = self.cleaned_data
        return {name[len(prefix) :]: data[name] for name in data if name.startswith(prefix)}

    def add_service_errors(self, exc: DomainError) -> int:
        """The mechanism's field names ("answers.<id>") mapped onto this form's."""
        for key in list(exc.field_errors):
            if key.startswith("answers."):  # the label already names the question
                exc.field_errors.pop(key)
                exc.field_errors[f"answer_{key.split('.', 1)[1]}"] = [_("Answer this question.")]
        return show_domain_error(self, exc)


def _form(request, initiative, transition, questions) -> MoveForm:
    bound = request.method == "POST" and request.POST.get("transition") == str(transition.pk)
    return MoveForm(
        request.POST if bound else None,
        transition=transition,
        questions=questions,
        initial={"expected_version": initiative.stage_version},
    )


def _posted_transition(request, initiative) -> Transition | None:
    """The move posted, even one the user may not make (the service then says who may)."""
    posted = request.POST.get("transition", "")
    rows = Transition.objects.filter(workflow_id=initiative.workflow_id)
    rows = rows.filter(from_stage_id=initiative.stage_id).select_related("from_stage", "to_stage")
    return rows.filter(pk=posted).first() if posted.isdigit() else None


def _move(request, initiative, form: MoveForm) -> int:
    """Make the posted move; the status to answer with (200 when it was made)."""
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    try:
        workflow_move(
            actor=request.user,
            subject=initiative,
            to_stage=form.transition.to_stage,
            decision=form.decision,
            reason=data["reason"],
            answers=form.answers(),
            evidence=data.get("evidence", ""),
            expected_version=data["expected_version"],
        )
    except DomainError as exc:
        return form.add_service_errors(exc)
    return 200


@login_required
def stage_change(request, slug: str):
    initiative = visible_initiative(request, slug)
    questions = gate_questions(initiative)
    moves = allowed_moves(initiative, request.user)
    posted = _posted_transition(request, initiative) if request.method == "POST" else None
    if not moves and posted is None:
        return forbidden(request, _("You may not change the stage of this initiative now."))
    status, failed = 200, None
    if posted is not None:
        failed = _form(request, initiative, posted, questions)
        status = _move(request, initiative, failed)
        if status == 200:
            messages.success(request, _("The stage of the initiative has been changed."))
            return redirect(_detail_url(initiative))
    move_forms = [
        failed
        if failed is not None and t.pk == failed.transition.pk
        else _form(request, initiative, t, questions)
        for t in moves
    ]
    context = {"initiative": initiative, "move_forms": move_forms, "form": failed}
    return render(request, "portfolio/stage.html", context, status=status)
