"""The pipeline pages ("Werkwijze"): an organisation administrator sees the initiative
pipelines of the organisations they administer, gives one its own copy of the default and
removes a stage (moving the initiatives in it, or told how many still sit there). The core
editing services decide; their refusals are shown in the error summary."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.core.service import (
    DomainError,
    editable_pipelines,
    workflow_copy_default,
    workflow_editing,
    workflow_for,
)
from proeftuin.portfolio.views import forbidden, show_domain_error

KIND = "initiative"


class StageRemoveForm(forms.Form):
    stage = forms.CharField(widget=forms.HiddenInput)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    move_to = forms.ChoiceField(label=gettext_lazy("Move the initiatives in it to"), required=False)

    def __init__(self, *args, workflow, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(s.key, s.name) for s in workflow.stages.all()]
        self.fields["move_to"].choices = [("", _("(none: refuse when there are any)")), *choices]


def _editable(request, slug: str):
    """(organisation, its own workflow or None) when the user may edit it; else 404."""
    for organisation, workflow in editable_pipelines(request.user, KIND):
        if organisation.slug == slug:
            return organisation, workflow
    raise Http404(_("This organisation does not exist or you do not manage its pipeline."))


@login_required
def pipeline_overview(request):
    rows = editable_pipelines(request.user, KIND)
    if not rows:
        return forbidden(request, _("Only administrators of an organisation manage its pipeline."))
    return render(request, "portfolio/pipelines.html", {"rows": rows})


def _remove_stage(request, workflow, form) -> int:
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    try:
        moved = workflow_editing.stage_remove(
            actor=request.user,
            workflow=workflow,
            expected_version=data["expected_version"],
            stage=data["stage"],
            move_to=data["move_to"] or None,
        )
    except DomainError as exc:
        return show_domain_error(form, exc)
    messages.success(
        request, _("The stage has been removed (%(count)d initiatives moved).") % {"count": moved}
    )
    return 200


@login_required
def pipeline_detail(request, slug: str):
    organisation, workflow = _editable(request, slug)
    status, failed = 200, None
    if request.method == "POST" and request.POST.get("action") == "copy" and workflow is None:
        try:
            workflow_copy_default(KIND, organisation, request.user)
        except DomainError as exc:
            return forbidden(request, str(exc.message))
        messages.success(request, _("The organisation now has its own pipeline."))
        return redirect(reverse("portfolio:pipeline", args=[slug]))
    if request.method == "POST" and workflow is not None:
        failed = StageRemoveForm(request.POST, workflow=workflow)
        status = _remove_stage(request, workflow, failed)
        if status == 200:
            return redirect(reverse("portfolio:pipeline", args=[slug]))
    elif request.method == "POST":
        status = 400
    shown = workflow or workflow_for(KIND, None)
    stages = list(shown.stages.prefetch_related("gate_questions"))
    forms_by_stage = {
        stage.key: failed
        if failed is not None and failed.data.get("stage") == stage.key
        else StageRemoveForm(
            workflow=shown, initial={"stage": stage.key, "expected_version": shown.version}
        )
        for stage in stages
    }
    context = {
        "organisation": organisation,
        "workflow": workflow,
        "stages": [(stage, forms_by_stage[stage.key]) for stage in stages],
        "transitions": shown.transitions.select_related("from_stage", "to_stage"),
        "form": failed,
    }
    return render(request, "portfolio/pipeline.html", context, status=status)
