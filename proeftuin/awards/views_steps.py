"""Posts and forms around judging: a judge steps aside (recusal), the jury's site-visit
report of a finalist, a vote for the audience prize, and an organiser reminds the judges."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from proeftuin.awards import forms, reminders
from proeftuin.awards.choices import PanelKind, Step
from proeftuin.awards.models import SiteVisit
from proeftuin.awards.services_decisions import check_may_visit, site_visit_save
from proeftuin.awards.services_judging import recuse
from proeftuin.awards.services_votes import vote_cast
from proeftuin.awards.views import _edition, _nomination
from proeftuin.awards.views_judging import _panel_step
from proeftuin.core.service import (
    DomainError,
    NotAllowed,
    TooManyRequests,
    forbidden,
    form_refusal,
)


@login_required
@require_POST
def recusal(request, uuid, kind):
    nomination = _nomination(request, uuid)
    panel = _panel_step(nomination, kind, "submission")
    form = forms.RecusalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason you step aside."))
        return redirect("awards:judging", slug=nomination.edition.slug)
    try:
        recuse(actor=request.user, panel=panel, nomination=nomination, **form.cleaned_data)
    except NotAllowed as exc:
        return forbidden(request, str(exc.message))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("You stepped aside from this nomination."))
    return redirect("awards:judging", slug=nomination.edition.slug)


@login_required
def site_visit(request, uuid):
    nomination = _nomination(request, uuid)
    visit = SiteVisit.objects.filter(nomination=nomination).first()
    initial = (
        {"version": visit.version, "visited_on": visit.visited_on, "findings": visit.findings}
        if visit
        else {}
    )
    form = forms.SiteVisitForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                site_visit_save(
                    actor=request.user,
                    nomination=nomination,
                    visited_on=form.cleaned_data["visited_on"],
                    findings=form.cleaned_data["findings"],
                    expected_version=form.cleaned_data["version"] or None,
                )
            except DomainError as exc:
                status = form_refusal(form, exc)
            else:
                messages.success(request, _("The site-visit report has been saved."))
                return redirect("awards:nomination", uuid=nomination.uuid)
    elif not _may_visit(request.user, nomination):
        return forbidden(request, _("Only the jury and the organisers write site-visit reports."))
    context = {"nomination": nomination, "form": form}
    return render(request, "awards/site_visit.html", context, status=status)


def _may_visit(user, nomination) -> bool:
    try:
        check_may_visit(user, nomination)
    except DomainError:
        return False
    return True


@login_required
@require_POST
def vote(request, uuid):
    nomination = _nomination(request, uuid)
    try:
        vote_cast(
            actor=request.user, nomination=nomination, network=request.META.get("REMOTE_ADDR", "")
        )
    except NotAllowed as exc:
        return forbidden(request, str(exc.message))
    except TooManyRequests as exc:
        return forbidden(request, str(exc.message), status=429)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Thank you: your vote has been counted."))
    return redirect("awards:edition", slug=nomination.edition.slug)


@login_required
@require_POST
def remind(request, slug, kind, step):
    edition = _edition(request, slug)
    if kind not in PanelKind.values or step not in Step.values:
        raise Http404()
    panel = edition.panels.filter(kind=kind).first()
    if panel is None:
        raise Http404()
    try:
        sent, skipped = reminders.remind_judges(actor=request.user, panel=panel, step=step)
    except NotAllowed as exc:
        return forbidden(request, str(exc.message))
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("awards:manage", slug=edition.slug)
    text = ngettext(
        "%(count)d judge has been reminded.", "%(count)d judges have been reminded.", sent
    ) % {"count": sent}
    if skipped:
        text += " " + ngettext(
            "%(count)d judge was reminded less than a day ago and was skipped.",
            "%(count)d judges were reminded less than a day ago and were skipped.",
            skipped,
        ) % {"count": skipped}
    messages.success(request, text)
    return redirect("awards:manage", slug=edition.slug)
