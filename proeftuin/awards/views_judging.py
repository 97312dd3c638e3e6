"""The judges' pages: what to score per panel and step, the scorecard (with the
submission it scores) and the consensus view of a nomination."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from proeftuin.awards import forms, permissions, selectors, selectors_judging
from proeftuin.awards.choices import PanelKind, Step
from proeftuin.awards.models import Scorecard
from proeftuin.awards.services_judging import judging_refusal, scorecard_save
from proeftuin.awards.views import _edition, _nomination
from proeftuin.core.service import DomainError, forbidden, form_refusal


@login_required
def judging(request, slug):
    edition = _edition(request, slug)
    panels = list(edition.panels.filter(members=request.user))
    if not panels:
        return forbidden(request, _("Only members of the panel score."))
    context = {
        "edition": edition,
        "panels": [
            {
                "panel": p,
                "steps": selectors_judging.judging_rows(
                    user=request.user, panel=p, pages=_pages(request, p)
                ),
            }
            for p in panels
        ],
    }
    return render(request, "awards/judging.html", context)


def _pages(request, panel) -> dict[str, str | None]:
    return {
        step: request.GET.get(selectors_judging.page_parameter(panel.kind, step))
        for step in Step.values
    }


def _panel_step(nomination, kind: str, step: str):
    if kind not in PanelKind.values or step not in Step.values:
        raise Http404()
    panel = nomination.edition.panels.filter(kind=kind).first()
    if panel is None:
        raise Http404()
    return panel


@login_required
def scorecard(request, uuid, kind, step):
    nomination = _nomination(request, uuid)
    panel = _panel_step(nomination, kind, step)
    refusal = judging_refusal(request.user, panel, nomination, step)
    if refusal:
        return forbidden(request, refusal)
    edition = nomination.edition
    card = Scorecard.objects.filter(
        panel=panel, judge=request.user, nomination=nomination, step=step
    ).first()
    initial = {"version": card.version if card else None, "comment": card.comment if card else ""}
    for score in card.scores.all() if card else []:
        initial[f"s{score.criterion_id}"], initial[f"n{score.criterion_id}"] = (
            score.value,
            score.comment,
        )
    form = forms.ScorecardForm(
        request.POST or None,
        initial=initial,
        criteria=edition.criteria.all(),
        low=edition.score_min,
        high=edition.score_max,
    )
    status = 200
    if request.method == "POST" and card and card.submitted_at:
        return forbidden(request, _("Your scores were submitted and can no longer change."))
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                scorecard_save(
                    actor=request.user,
                    panel=panel,
                    nomination=nomination,
                    step=step,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    submit="submit" in request.POST,
                    expected_version=form.cleaned_data["version"] or None,
                )
            except DomainError as exc:
                status = form_refusal(form, exc, field_for=lambda key: _field(form, key))
            else:
                messages.success(request, _("Your scores have been saved."))
                return redirect("awards:judging", slug=edition.slug)
    context = {
        "nomination": nomination,
        "panel": panel,
        "step": Step(step),
        "form": form,
        "card": card,
        "submission": selectors.submission_of(user=request.user, nomination=nomination),
    }
    return render(request, "awards/scorecard.html", context, status=status)


def _field(form, key) -> str | None:
    name = f"s{key}"
    return name if name in form.fields else ("comment" if key == "comment" else None)


@login_required
def consensus(request, uuid, kind, step):
    nomination = _nomination(request, uuid)
    panel = _panel_step(nomination, kind, step)
    member = panel.members.filter(pk=request.user.pk).exists()
    if not (member or permissions.can_organise(request.user, nomination.edition.competition)[0]):
        return forbidden(request, _("Only the panel and the organisers see scores."))
    view = selectors_judging.consensus(
        user=request.user, panel=panel, nomination=nomination, step=step
    )
    context = {"nomination": nomination, "panel": panel, "step": Step(step), "view": view}
    return render(request, "awards/consensus.html", context)
