"""The pipeline pages ("Werkwijze"): an organisation administrator sees the initiative
pipelines of the organisations they administer, gives one its own copy of the default and
edits it without code: stages (add, change, move, remove), the questions of each gate and
the allowed moves. Every form posts to the organisation's page with an ``action`` and the
workflow version it was made from; the core editing services decide, and their refusals
(a stale version: 409) are shown in the error summary with nothing changed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.core.service import (
    DomainError,
    ValidationFailed,
    editable_pipelines,
    workflow_copy_default,
    workflow_for,
)
from proeftuin.portfolio.forms_pipeline import (
    ACTIONS,
    QuestionAddForm,
    QuestionUpdateForm,
    StageAddForm,
    StageRemoveForm,
    StageUpdateForm,
    TransitionAddForm,
)
from proeftuin.portfolio.views import forbidden, show_domain_error

KIND = "initiative"


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


def _apply(request, form) -> int:
    """Run the posted edit; the status code (200: done) with refusals put on the form."""
    if not form.is_valid():
        return 400
    try:
        result = form.run(request.user)
    except DomainError as exc:
        status = show_domain_error(form, exc)
        return 400 if isinstance(exc, ValidationFailed) else status
    messages.success(request, form.done_message(result))
    return 200


@login_required
def pipeline_detail(request, slug: str):
    organisation, workflow = _editable(request, slug)
    status, failed = 200, None
    action = request.POST.get("action")
    if request.method == "POST" and action == "copy" and workflow is None:
        try:
            workflow_copy_default(KIND, organisation, request.user)
        except DomainError as exc:
            return forbidden(request, str(exc.message))
        messages.success(request, _("The organisation now has its own pipeline."))
        return redirect(reverse("portfolio:pipeline", args=[slug]))
    if request.method == "POST" and workflow is not None and action in ACTIONS:
        target = request.POST.get("target", "")
        failed = ACTIONS[action](request.POST, workflow=workflow, target=target)
        status = _apply(request, failed)
        if status == 200:
            return redirect(reverse("portfolio:pipeline", args=[slug]))
    elif request.method == "POST":
        status = 400
    context = {
        "organisation": organisation,
        "workflow": workflow,
        "form": failed,
        **_page(workflow, failed if status == 400 else None),
    }
    return render(request, "portfolio/pipeline.html", context, status=status)


def _page(workflow, failed) -> dict:
    """The stages and moves shown, with a form for each edit (the refused one as posted)."""
    shown = workflow or workflow_for(KIND, None)
    stages = list(shown.stages.prefetch_related("gate_questions"))
    transitions = shown.transitions.select_related("from_stage", "to_stage")
    if workflow is None:
        return {"stages": [{"stage": stage} for stage in stages], "transitions": transitions}

    def pick(form):
        same = failed is not None and (failed.action, failed.target) == (form.action, form.target)
        return failed if same else form

    rows = [
        {
            "stage": stage,
            "update": pick(StageUpdateForm.for_stage(workflow, stage)),
            "remove": pick(StageRemoveForm(workflow=workflow, target=stage.key)),
            "question_add": pick(QuestionAddForm(workflow=workflow, target=stage.key)),
            "questions": [
                (question, pick(QuestionUpdateForm.for_question(workflow, question)))
                for question in stage.gate_questions.all()
            ],
        }
        for stage in stages
    ]
    return {
        "stages": rows,
        "transitions": transitions,
        "stage_add": pick(StageAddForm(workflow=workflow)),
        "transition_add": pick(TransitionAddForm(workflow=workflow)),
    }
