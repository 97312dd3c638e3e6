"""Pages of applicants: a round's page with the "Aanvragen" button, starting an
application, the application form (with the "is dit al eerder gedaan?" panel, which works
without JavaScript, and the rules check), submitting, withdrawing, "Mijn aanvragen" and an
application's page (what the viewer may see). Screening pages are in
``views_apply_screening``; partners, co-applicants and attachments in ``views_apply_parts``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import (
    ConflictError,
    DomainError,
    allowed_moves,
    forbidden,
    subject_moves,
)
from proeftuin.core.service import form_refusal as show_error
from proeftuin.funding import answers_apply, forms_apply, permissions, rules, selectors_apply
from proeftuin.funding.services_applications import (
    application_save,
    application_start,
    application_url,
    round_closed_message,
)
from proeftuin.funding.services_applications_submit import (
    application_submit,
    application_withdraw,
)
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import initiative_visible


def visible_round(request, slug):
    found = selectors_apply.round_for_applicants(request.user, slug)
    if found is None:
        raise Http404(_("This round does not exist or is not visible to you."))
    return found


def visible_application(request, uuid):
    found = selectors_apply.application_for(request.user, uuid)
    if found is None:
        raise Http404(_("This application does not exist or is not visible to you."))
    return found


def _start_form(request):
    organisations = Organisation.objects.filter(
        pk__in=list(roles_by_organisation(request.user))
    ).order_by("name")
    initiatives = initiative_visible(request.user).filter(owner__in=organisations)
    form = forms_apply.StartForm(
        request.POST or None,
        organisations=organisations,
        initiatives=initiatives.order_by("title")[:200],
    )
    return form, initiatives


@login_required
@require_http_methods(["GET", "POST"])
def apply_start(request, slug):
    round_ = visible_round(request, slug)
    allowed, reason = permissions.can_apply(request.user)
    if not allowed:
        return forbidden(request, reason)
    form, initiatives = _start_form(request)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            initiative = (
                initiatives.filter(uuid=data["initiative"]).first() if data["initiative"] else None
            )
            try:
                application = application_start(
                    actor=request.user,
                    round=round_,
                    owner=data["owner"],
                    title=data["title"],
                    initiative=initiative,
                )
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("Your application has been started."))
                return redirect("funding:apply_edit", uuid=application.uuid)
    context = {"round": round_, "form": form, "closed": round_closed_message(round_)}
    return render(request, "funding/apply/start.html", context, status=status)


def rules_summary(application) -> list[tuple[str, str | None]]:
    """Each rule of the round as a sentence, with its Dutch message when not met."""
    return [(rules.describe(rule), message) for rule, message in rules.rule_results(application)]


def _initial(application, questions) -> dict:
    data = {
        name: getattr(application, name) or ""
        for name in forms_apply.ApplicationForm.MAIN + forms_apply.ApplicationForm.MONEY
        if name != "category"
    }
    data["category"] = application.category_id or ""
    data["version"] = application.version
    names = answers_apply.team_names(questions, application.answers)
    for question in questions:
        value = names.get(question.key, application.answers.get(question.key, ""))
        data[forms_apply.answer_field_name(question.key)] = value
    return data


def form_context(request, application, form=None, **extra) -> dict:
    questions = answers_apply.questions_for(application.round, application.stage.key)
    form = form or forms_apply.ApplicationForm(
        initial=_initial(application, questions), round=application.round, questions=questions
    )
    return {
        "application": application,
        "form": form,
        "rule_results": rules_summary(application),
        "missing": answers_apply.missing_required(application, questions),
        "file_questions": [q for q in questions if q.kind == "file"],
        "attachment_form": forms_apply.AttachmentForm(questions=questions),
        "partner_form": forms_apply.PartnerForm(),
        "team_form": forms_apply.CoApplicantForm(),
        "kpi_form": forms_apply.KpiForm(),
        "submit_form": forms_apply.SubmitForm(initial={"version": application.version}),
        "prior_cases": [],
        "prior_query": "",
        **extra,
    }


def _prior(request) -> dict:
    """The "has this been done before?" panel, filled without JavaScript on request."""
    from proeftuin.search.service import prior_cases, strength

    names = ("title", "problem", "idea")
    text = "\n".join(str(request.POST.get(n, "")).strip() for n in names).strip()
    found = prior_cases(user=request.user, text=text) if text else []
    return {"prior_cases": [(hit, strength(hit.similarity)) for hit in found], "prior_query": text}


@login_required
@require_http_methods(["GET", "POST"])
def apply_edit(request, uuid):
    application = visible_application(request, uuid)
    allowed, reason = permissions.can_edit_application(request.user, application)
    if not allowed:
        return forbidden(request, reason)
    if request.method == "GET":
        return render(request, "funding/apply/form.html", form_context(request, application))
    questions = answers_apply.questions_for(application.round, application.stage.key)
    form = forms_apply.ApplicationForm(request.POST, round=application.round, questions=questions)
    if "check_prior" in request.POST:  # the form as typed, not saved
        form.is_valid()
        form.errors.clear()
        context = form_context(request, application, form, **_prior(request))
        return render(request, "funding/apply/form.html", context)
    status = 400
    if form.is_valid():
        try:
            application_save(
                actor=request.user,
                application=application,
                expected_version=form.cleaned_data["version"],
                **form.service_data(),
            )
        except DomainError as exc:
            status = show_error(form, exc, form.field_for)
        else:
            messages.success(request, _("The application has been saved."))
            anchor = "#regels" if "check_rules" in request.POST else ""
            return redirect(request.path + anchor)
    context = form_context(request, application, form)
    return render(request, "funding/apply/form.html", context, status=status)


@login_required
@require_POST
def apply_submit(request, uuid):
    application = visible_application(request, uuid)
    form = forms_apply.SubmitForm(request.POST)
    if not form.is_valid():
        return redirect("funding:apply_edit", uuid=uuid)
    try:
        application_submit(
            actor=request.user,
            application=application,
            answer=form.cleaned_data["answer"],
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as exc:
        status = 409 if isinstance(exc, ConflictError) else 400 if exc.field_errors else 403
        if status == 403:
            return forbidden(request, str(exc.message))
        problems = [str(m) for messages_ in exc.field_errors.values() for m in messages_]
        context = form_context(
            request,
            application,
            submit_form=form,
            submit_problems=problems or [str(exc.message)],
        )
        return render(request, "funding/apply/form.html", context, status=status)
    messages.success(request, _("Your application has been submitted."))
    return redirect(application_url(application))


@login_required
@require_POST
def apply_withdraw(request, uuid):
    application = visible_application(request, uuid)
    form = forms_apply.WithdrawForm(request.POST)
    if form.is_valid():
        try:
            application_withdraw(
                actor=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            status = show_error(form, exc)
        else:
            messages.success(request, _("The application has been withdrawn."))
            return redirect(application_url(application))
    else:
        status = 400
    context = detail_context(request, application, withdraw_form=form)
    return render(request, "funding/apply/detail.html", context, status=status)


@login_required
@require_GET
def apply_mine(request):
    rows = selectors_apply.applications_mine(request.user).select_related("round", "stage")
    return render(request, "funding/apply/mine.html", {"applications": rows})


def detail_context(request, application, **extra) -> dict:
    user = request.user
    questions = list(application.round.questions.all())
    screener = permissions.can_screen(user, application)[0]
    applicant = permissions.is_applicant(user, application)
    withdrawable = applicant and any(
        t.to_stage.key == "withdrawn" for t in allowed_moves(application, user)
    )
    return {
        "application": application,
        "answers": answers_apply.readable_answers(questions, application.answers),
        "attachments": application.attachments.all(),
        "may_edit": permissions.can_edit_application(user, application)[0],
        "may_screen": screener,
        "is_applicant": applicant,
        "rule_results": rules_summary(application) if screener else None,
        "prior_cases": selectors_apply.prior_cases_visible(application, user),
        "moves": subject_moves(application),
        "withdraw_form": extra.pop("withdraw_form", None)
        or (
            forms_apply.WithdrawForm(initial={"version": application.version})
            if withdrawable
            else None
        ),
        **extra,
    }


@require_GET
def apply_detail(request, uuid):
    application = visible_application(request, uuid)
    return render(request, "funding/apply/detail.html", detail_context(request, application))
