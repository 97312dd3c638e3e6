"""An application's decision page (its decision, letters, obligations and tranches) and the
actions on it: decide one, make the initiative, plan and pay tranches, fulfil an
obligation, download or resend a letter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from proeftuin.core.service import ConflictError, DomainError, forbidden
from proeftuin.funding import letters, permissions, services_grants
from proeftuin.funding.forms_decide import FulfilForm, InitiativeForm, PaidForm, TrancheForm
from proeftuin.funding.models import DecisionLetter, Obligation, Tranche
from proeftuin.funding.selectors_decide import application_decided, grant_money
from proeftuin.funding.services_decisions import decision_make
from proeftuin.funding.views_decide import _form_error

ANCHORS = {"tranche": "#tranches", "initiative": "#initiatief"}


def visible_application(request, uuid):
    application = application_decided(user=request.user, uuid=uuid)
    if application is None:
        raise Http404(_("This application does not exist or is not visible to you."))
    return application


def page_context(request, application, **forms_given) -> dict:
    user = request.user
    manager = permissions.is_manager(user, application.round.fund)
    applicant = permissions.is_applicant(user, application)
    return {
        "application": application,
        "manager": manager,
        "may_fulfil": manager or applicant,
        "may_read_letters": manager or applicant,
        "letters": application.letters.all() if manager or applicant else (),
        "obligations": application.obligations.all(),
        "tranches": application.tranches.all(),
        "money": grant_money(application),
        "tranche_form": forms_given.get("tranche_form") or TrancheForm(),
        "initiative_form": forms_given.get("initiative_form") or InitiativeForm(),
        "fulfil_error": forms_given.get("fulfil_error"),
        "error": forms_given.get("error"),
    }


def _page(request, application, status=200, **forms_given):
    context = page_context(request, application, **forms_given)
    return render(request, "funding/decide/application.html", context, status=status)


@login_required
@require_GET
def decide_application(request, uuid):
    return _page(request, visible_application(request, uuid))


def _back(application, anchor):
    return reverse("funding:decide_application", args=[application.uuid]) + anchor


@login_required
@require_POST
def decide_one(request, uuid):
    application = visible_application(request, uuid)
    version = request.POST.get("version") or None
    try:
        decision_make(
            actor=request.user,
            application=application,
            outcome=request.POST.get("outcome", ""),
            amount=request.POST.get("amount", ""),
            conditions=request.POST.get("conditions", ""),
            reasons=request.POST.get("reasons", ""),
            expected_version=int(version) if version and version.isdigit() else None,
        )
    except DomainError as exc:
        status = 409 if isinstance(exc, ConflictError) else 400
        return _page(request, application, status, error=exc.message)
    messages.success(request, _("The decision has been saved; the letter is being sent."))
    return redirect(_back(application, ""))


def _done(request, application, message, anchor):
    messages.success(request, message)
    return redirect(_back(application, anchor))


@login_required
@require_POST
def decide_initiative(request, uuid):
    application = visible_application(request, uuid)
    form = InitiativeForm(request.POST)
    if not form.is_valid():
        return _page(request, application, 400, initiative_form=form)
    try:
        initiative, skipped = services_grants.grant_to_initiative(
            actor=request.user, application=application, kind=form.cleaned_data["kind"]
        )
    except DomainError as exc:
        return _page(request, application, _form_error(form, exc), initiative_form=form)
    message = _("The grant is in initiative “%(title)s”.") % {"title": initiative.title}
    if skipped:
        message += " " + _("Not added to its team (no longer a member): %(names)s.") % {
            "names": ", ".join(skipped)
        }
    return _done(request, application, message, ANCHORS["initiative"])


@login_required
@require_POST
def decide_tranche_add(request, uuid):
    application = visible_application(request, uuid)
    form = TrancheForm(request.POST)
    if not form.is_valid():
        return _page(request, application, 400, tranche_form=form)
    try:
        services_grants.tranche_plan(
            actor=request.user, application=application, **form.cleaned_data
        )
    except DomainError as exc:
        return _page(request, application, _form_error(form, exc), tranche_form=form)
    return _done(request, application, _("The tranche has been planned."), ANCHORS["tranche"])


@login_required
@require_POST
def decide_tranche_paid(request, uuid, tranche):
    application = visible_application(request, uuid)
    row = Tranche.objects.filter(application=application, uuid=tranche).first()
    if row is None:
        raise Http404(_("This tranche does not exist."))
    form = PaidForm(request.POST)
    paid_on = form.cleaned_data["paid_on"] if form.is_valid() else None
    try:
        services_grants.tranche_pay(actor=request.user, tranche=row, paid_on=paid_on)
    except DomainError as exc:
        return _page(request, application, 400, error=exc.message)
    return _done(request, application, _("The tranche has been marked as paid."), "#tranches")


@login_required
@require_POST
def decide_obligation(request, uuid, obligation):
    application = visible_application(request, uuid)
    row = Obligation.objects.filter(application=application, uuid=obligation).first()
    if row is None:
        raise Http404(_("This obligation does not exist."))
    form = FulfilForm(request.POST)
    evidence = form.cleaned_data["evidence"] if form.is_valid() else ""
    try:
        services_grants.obligation_fulfil(actor=request.user, obligation=row, evidence=evidence)
    except DomainError as exc:
        return _page(request, application, 400, fulfil_error=(row.pk, exc.message))
    return _done(request, application, _("The obligation has been fulfilled."), "#verplichtingen")


@login_required
@require_GET
def decide_letter_file(request, uuid, letter, fmt):
    application = visible_application(request, uuid)
    allowed, reason = permissions.can_read_letters(request.user, application)
    if not allowed:
        return forbidden(request, reason)
    row = DecisionLetter.objects.filter(application=application, uuid=letter).first()
    field = getattr(row, fmt, None) if fmt in ("pdf", "odt") else None
    if row is None or not field:
        raise Http404(_("This letter is not ready yet."))
    content_type = "application/pdf" if fmt == "pdf" else letters.ODT_TYPE
    with field.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{letters.file_name(row, fmt)}"'
    return response


@login_required
@require_POST
def decide_letter_resend(request, uuid, letter):
    application = visible_application(request, uuid)
    row = DecisionLetter.objects.filter(application=application, uuid=letter).first()
    if row is None:
        raise Http404(_("This letter does not exist."))
    allowed, reason = permissions.can_manage_fund(request.user, application.round.fund)
    if not allowed:
        return forbidden(request, reason)
    letters.letter_resend(actor=request.user, letter=row)
    return _done(request, application, _("The letter is being made and sent again."), "#brieven")
