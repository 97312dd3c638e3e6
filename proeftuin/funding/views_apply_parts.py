"""Pages (posts) of an application's parts: partners, co-applicants, KPIs and attachments (add,
remove, and reading a file for whoever may read the application). Each post returns to
the application form; a refusal shows the form again with the message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from proeftuin.accounts.service import User
from proeftuin.core.service import DomainError
from proeftuin.funding import answers_apply, forms_apply
from proeftuin.funding import services_applications_parts as parts
from proeftuin.funding.answers_apply import AnswerError
from proeftuin.funding.views_apply import form_context, show_error, visible_application
from proeftuin.organisations.service import Organisation


def _done(request, application, message: str):
    messages.success(request, message)
    return redirect("funding:apply_edit", uuid=application.uuid)


def _again(request, application, name: str, form, exc: DomainError):
    status = show_error(form, exc)
    context = form_context(request, application, **{name: form})
    return render(request, "funding/apply/form.html", context, status=status)


def _version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@login_required
@require_POST
def apply_partner_add(request, uuid):
    application = visible_application(request, uuid)
    form = forms_apply.PartnerForm(request.POST)
    if not form.is_valid():
        context = form_context(request, application, partner_form=form)
        return render(request, "funding/apply/form.html", context, status=400)
    try:
        parts.partner_add(
            actor=request.user,
            application=application,
            expected_version=_version(request),
            **form.cleaned_data,
        )
    except DomainError as exc:
        return _again(request, application, "partner_form", form, exc)
    return _done(request, application, _("The partner has been added."))


@login_required
@require_POST
def apply_partner_remove(request, uuid, organisation):
    application = visible_application(request, uuid)
    found = Organisation.objects.filter(uuid=organisation).first()
    try:
        parts.partner_remove(
            actor=request.user,
            application=application,
            organisation=found,
            expected_version=_version(request),
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("funding:apply_edit", uuid=application.uuid)
    return _done(request, application, _("The partner has been removed."))


@login_required
@require_POST
def apply_team_add(request, uuid):
    application = visible_application(request, uuid)
    form = forms_apply.CoApplicantForm(request.POST)
    if not form.is_valid():
        context = form_context(request, application, team_form=form)
        return render(request, "funding/apply/form.html", context, status=400)
    try:
        (person,) = answers_apply.users_named([form.cleaned_data["person"]]) or [None]
    except (AnswerError, ValueError):
        form.add_error("person", _("This person was not found on the platform."))
        context = form_context(request, application, team_form=form)
        return render(request, "funding/apply/form.html", context, status=400)
    try:
        parts.co_applicant_add(
            actor=request.user,
            application=application,
            user=person,
            expected_version=_version(request),
        )
    except DomainError as exc:
        return _again(request, application, "team_form", form, exc)
    return _done(request, application, _("The co-applicant has been added."))


@login_required
@require_POST
def apply_team_remove(request, uuid, user):
    application = visible_application(request, uuid)
    person = User.objects.filter(uuid=user).first()
    try:
        if person is None:
            raise Http404()
        parts.co_applicant_remove(
            actor=request.user,
            application=application,
            user=person,
            expected_version=_version(request),
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("funding:apply_edit", uuid=application.uuid)
    return _done(request, application, _("The co-applicant has been removed."))


@login_required
@require_POST
def apply_kpi_add(request, uuid):
    application = visible_application(request, uuid)
    form = forms_apply.KpiForm(request.POST)
    if not form.is_valid():
        context = form_context(request, application, kpi_form=form)
        return render(request, "funding/apply/form.html", context, status=400)
    try:
        parts.kpi_add(
            actor=request.user,
            application=application,
            expected_version=_version(request),
            **form.cleaned_data,
        )
    except DomainError as exc:
        return _again(request, application, "kpi_form", form, exc)
    return _done(request, application, _("The KPI has been added."))


@login_required
@require_POST
def apply_kpi_remove(request, uuid, kpi):
    application = visible_application(request, uuid)
    found = application.kpis.filter(uuid=kpi).first()
    if found is None:
        raise Http404(_("This KPI does not exist or is not visible to you."))
    try:
        parts.kpi_remove(
            actor=request.user,
            application=application,
            kpi=found,
            expected_version=_version(request),
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("funding:apply_edit", uuid=application.uuid)
    return _done(request, application, _("The KPI has been removed."))


@login_required
@require_POST
def apply_attachment_add(request, uuid):
    application = visible_application(request, uuid)
    questions = answers_apply.questions_for(application.round, application.stage.key)
    form = forms_apply.AttachmentForm(request.POST, request.FILES, questions=questions)
    if not form.is_valid():
        context = form_context(request, application, attachment_form=form)
        return render(request, "funding/apply/form.html", context, status=400)
    try:
        parts.attachment_add(
            actor=request.user,
            application=application,
            question_key=form.cleaned_data["question"],
            upload=form.cleaned_data["file"],
            expected_version=_version(request),
        )
    except DomainError as exc:
        return _again(request, application, "attachment_form", form, exc)
    return _done(request, application, _("The file has been added."))


@login_required
@require_POST
def apply_attachment_remove(request, uuid, attachment):
    application = visible_application(request, uuid)
    found = application.attachments.filter(uuid=attachment).first()
    if found is None:
        raise Http404(_("This file does not exist or is not visible to you."))
    try:
        parts.attachment_remove(
            actor=request.user,
            application=application,
            attachment=found,
            expected_version=_version(request),
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("funding:apply_edit", uuid=application.uuid)
    return _done(request, application, _("The file has been removed."))


@require_GET
def apply_attachment(request, uuid, attachment):
    """A file of an application, for whoever may read the application."""
    application = visible_application(request, uuid)
    found = application.attachments.filter(uuid=attachment).first()
    if found is None:
        raise Http404(_("This file does not exist or is not visible to you."))
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
