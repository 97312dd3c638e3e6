"""The actions on a patent's page: record a meeting, request a claim, decide a claim, end
the patent. Each answers with the patent's page (and the refusal on its form)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin.core.service import DomainError, NotAllowed
from proeftuin.patents import forms, permissions, services, services_claims
from proeftuin.patents.views import (
    adopters_of,
    detail_context,
    forbidden,
    show_error,
    visible_patent,
)

ANCHOR = "#vergoedingen"


def _again(request, patent, status: int, **forms_given):
    context = detail_context(request, patent, **forms_given)
    return render(request, "patents/detail.html", context, status=status)


def _innovator_action(request, patent, form, form_key: str, write, done: str, anchor: str):
    """Check that the caller acts for the innovator, parse ``form``, ``write(data)``;
    back to the patent (``anchor``) with ``done``, or the page again with the refusal."""
    allowed, reason = permissions.can_act_for_innovator(request.user, patent)
    if not allowed:
        return forbidden(request, reason)
    status = 400
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except DomainError as exc:
            status = show_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(services.patent_url(patent) + anchor)
    return _again(request, patent, status, **{form_key: form})


@login_required
@require_POST
def meeting_add(request, uuid):
    patent = visible_patent(request, uuid)
    return _innovator_action(
        request,
        patent,
        forms.MeetingForm(request.POST),
        "meeting_form",
        lambda data: services.meeting_record(actor=request.user, patent=patent, **data),
        _("The introduction meeting has been recorded."),
        "#bijeenkomsten",
    )


@login_required
@require_POST
def claim_add(request, uuid):
    patent = visible_patent(request, uuid)
    return _innovator_action(
        request,
        patent,
        forms.ClaimForm(request.POST, adopters=adopters_of(patent)),
        "claim_form",
        lambda data: services_claims.claim_request(
            actor=request.user, patent=patent, adopter=data["adopter"]
        ),
        _("The reward has been claimed; the programme decides."),
        ANCHOR,
    )


@login_required
@require_POST
def claim_decide(request, uuid, claim):
    patent = visible_patent(request, uuid)
    allowed, reason = permissions.can_decide_claims(request.user, patent)
    if not allowed:
        return forbidden(request, reason)
    found = patent.claims.filter(uuid=claim).first()
    if found is None:
        raise Http404(_("This claim does not exist."))
    form = forms.DecisionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services_claims.claim_decide(actor=request.user, claim=found, **form.cleaned_data)
        except DomainError as exc:
            status = show_error(form, exc)
        else:
            messages.success(request, _("The claim has been decided."))
            return redirect(services.patent_url(patent) + f"#vergoeding-{found.uuid}")
    form.claim_uuid = found.uuid
    return _again(request, patent, status, decision_form=form)


@login_required
@require_POST
def patent_end(request, uuid):
    patent = visible_patent(request, uuid)
    try:
        services.patent_end(actor=request.user, patent=patent)
    except DomainError as exc:
        return forbidden(
            request, str(exc.message), status=403 if isinstance(exc, NotAllowed) else 400
        )
    messages.success(request, _("The innovation patent has ended."))
    return redirect(services.patent_url(patent))
