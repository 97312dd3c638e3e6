"""Pages of the review part: "Mijn beoordelingen" (a reviewer's queue), the review form
with the application and the recusal, "Mijn belangenverklaringen", and for the managers
of a round the assignment overview (by hand, by expertise, round-robin) and the review
summaries (the ranking and one application's reviews side by side)."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from proeftuin.core.service import ConflictError, DomainError, forbidden
from proeftuin.core.service import form_refusal as show_error
from proeftuin.funding import (
    conflicts,
    forms_review,
    selectors_apply,
    selectors_review,
    services_reviews,
    summary,
)
from proeftuin.funding import services_reviews_scores as scores
from proeftuin.funding.choices import AssignmentStatus
from proeftuin.funding.models import Application, ReviewAssignment
from proeftuin.funding.permissions import can_manage_fund
from proeftuin.funding.selectors import rounds_visible
from proeftuin.funding.services_decisions import decision_prepare

# ---- the reviewer ---------------------------------------------------------------------


@login_required
@require_GET
def review_queue(request):
    queue = selectors_review.review_queue(request.user, request.GET.get("pagina"))
    context = {
        "to_do": queue.to_do,
        "page": queue.to_do,
        "done": queue.done,
        "done_total": queue.done_total,
    }
    return render(request, "funding/review/queue.html", context)


def _assignment(request, uuid) -> ReviewAssignment:
    found = selectors_review.assignment_for(request.user, uuid)
    if found is None:
        raise Http404(_("This review does not exist or is not visible to you."))
    return found


def _review_page(request, assignment, *, form=None, recuse_form=None, status=200):
    application = assignment.application
    review = selectors_review.own_review(assignment)
    criteria = list(application.round.criteria.all())
    if form is None:
        initial = forms_review.review_initial(review)
        form = forms_review.ReviewForm(initial=initial, criteria=criteria)
    submitted = assignment.status == AssignmentStatus.SUBMITTED
    context = {
        "assignment": assignment,
        "application": application,
        "partners": application.partners.select_related("organisation"),
        "answers": _answers(application),
        "prior_cases": selectors_apply.prior_cases_visible(application, request.user),
        "review": review,
        "form": form,
        "recuse_form": recuse_form or forms_review.RecuseForm(),
        "submitted": submitted,
        "others": selectors_review.other_reviews(request.user, application) if submitted else (),
        "open": services_reviews.in_review(application) and not submitted,
    }
    return render(request, "funding/review/form.html", context, status=status)


def _answers(application) -> list[tuple[str, object]]:
    """(question, answer) for the round's form questions the applicants answered."""
    given = application.answers or {}
    questions = application.round.questions.all()
    return [(q.label, given[q.key]) for q in questions if given.get(q.key) not in (None, "")]


@login_required
@require_http_methods(["GET", "POST"])
def review_form(request, uuid):
    assignment = _assignment(request, uuid)
    if request.method == "GET":
        return _review_page(request, assignment)
    criteria = list(assignment.application.round.criteria.all())
    form = forms_review.ReviewForm(request.POST, criteria=criteria)
    submit = "submit" in request.POST
    status = 400
    if form.is_valid():
        try:
            scores.review_save(
                actor=request.user,
                assignment=assignment,
                submit=submit,
                **form.service_arguments(),
            )
        except DomainError as exc:
            status = show_error(form, exc)
        else:
            done = _("Your review has been submitted.") if submit else _("Your draft is saved.")
            messages.success(request, done)
            return redirect(services_reviews.review_url(assignment))
    return _review_page(request, assignment, form=form, status=status)


@login_required
@require_POST
def review_recuse(request, uuid):
    assignment = _assignment(request, uuid)
    form = forms_review.RecuseForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services_reviews.assignment_recuse(
                actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            status = show_error(form, exc)
        else:
            messages.success(request, _("You have recused yourself from this application."))
            return redirect("funding:review_queue")
    return _review_page(request, assignment, recuse_form=form, status=status)


# ---- conflicts of interest ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def review_conflicts(request):
    form, status = forms_review.ConflictForm(request.POST or None), 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                conflicts.conflict_declare(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("Your declaration has been saved."))
                return redirect("funding:review_conflicts")
    context = {"declarations": conflicts.conflicts_of(request.user), "form": form}
    return render(request, "funding/review/conflicts.html", context, status=status)


@login_required
@require_POST
def review_conflict_remove(request, uuid):
    declaration = conflicts.conflicts_of(request.user).filter(uuid=uuid).first()
    if declaration is None:
        raise Http404(_("This declaration does not exist."))
    conflicts.conflict_remove(actor=request.user, declaration=declaration)
    messages.success(request, _("Your declaration has been removed."))
    return redirect("funding:review_conflicts")


# ---- the managers of a round -----------------------------------------------------------


def _managed_round(request, slug):
    round_ = rounds_visible(user=request.user).select_related("fund__programme")
    round_ = round_.filter(slug=slug).first()
    if round_ is None:
        raise Http404(_("This round does not exist or is not visible to you."))
    return round_, can_manage_fund(request.user, round_.fund)


def _overview_url(round_) -> str:
    return reverse("funding:review_assignments", args=[round_.slug])


@login_required
@require_GET
def review_assignments(request, slug):
    round_, (allowed, reason) = _managed_round(request, slug)
    if not allowed:
        return forbidden(request, reason)
    overview = selectors_review.assignment_overview(
        user=request.user,
        round_=round_,
        page=request.GET.get("pagina"),
        columns=request.GET.get("beoordelaars"),
    )
    context = {
        "round": round_,
        "overview": overview,
        "page": overview.page,
        "querystring": urlencode({"beoordelaars": overview.columns.number}),
        "batch_form": forms_review.BatchForm(),
    }
    return render(request, "funding/review/assignments.html", context)


def _manager_action(request, round_, write, done) -> object:
    try:
        result = write()
    except DomainError as exc:
        messages.error(request, " ".join([str(exc.message), *_field_texts(exc)]))
    else:
        messages.success(request, done(result))
    return redirect(_overview_url(round_))


def _field_texts(exc) -> list[str]:
    texts = [str(p) for problems in exc.field_errors.values() for p in problems]
    return [t for t in texts if t != str(exc.message)]


@login_required
@require_POST
def review_assign(request, slug):
    round_, (allowed, reason) = _managed_round(request, slug)
    if not allowed:
        return forbidden(request, reason)
    form = forms_review.AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an application and a reviewer."))
        return redirect(_overview_url(round_))
    application = round_.applications.filter(uuid=form.cleaned_data["application"]).first()
    member = services_reviews.reviewers_of(round_.fund)
    member = member.filter(user__uuid=form.cleaned_data["reviewer"]).first()
    if application is None or member is None:
        raise Http404(_("This application or reviewer is not part of the round."))
    return _manager_action(
        request,
        round_,
        lambda: services_reviews.assignment_create(
            actor=request.user, application=application, reviewer=member.user
        ),
        lambda a: (
            _("%(user)s now reviews “%(title)s”.")
            % {"user": a.reviewer.username, "title": a.application.title}
        ),
    )


def _batch_done(result) -> str:
    text = _("%(count)s assignments made.") % {"count": len(result.made)}
    if result.unfilled:
        missing = ", ".join(f"{u.application.title} ({u.missing})" for u in result.unfilled)
        text += " " + _("Still short of reviewers: %(list)s.") % {"list": missing}
    return text


@login_required
@require_POST
def review_assign_batch(request, slug):
    round_, (allowed, reason) = _managed_round(request, slug)
    if not allowed:
        return forbidden(request, reason)
    form = forms_review.BatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how to assign and how many reviewers per application."))
        return redirect(_overview_url(round_))
    data = form.cleaned_data
    arguments = {"actor": request.user, "round_": round_}
    arguments["per_application"] = data["per_application"]
    if data["method"] == "expertise":
        write = partial(services_reviews.assign_by_expertise, **arguments)
    else:
        write = partial(services_reviews.assign_round_robin, maximum=data["maximum"], **arguments)
    return _manager_action(request, round_, write, _batch_done)


@login_required
@require_POST
def review_unassign(request, uuid):
    assignment = (
        ReviewAssignment.objects.select_related("application__round__fund")
        .filter(uuid=uuid)
        .first()
    )
    if assignment is None:
        raise Http404(_("This assignment does not exist."))
    round_ = assignment.application.round
    allowed, reason = can_manage_fund(request.user, round_.fund)
    if not allowed:
        return forbidden(request, reason)
    return _manager_action(
        request,
        round_,
        lambda: services_reviews.assignment_remove(actor=request.user, assignment=assignment),
        lambda _result: _("The assignment has been withdrawn."),
    )


@login_required
@require_GET
def review_ranking(request, slug):
    round_, (allowed, reason) = _managed_round(request, slug)
    if not allowed:
        return forbidden(request, reason)
    ranking = summary.round_ranking(user=request.user, round_=round_)
    return render(request, "funding/review/ranking.html", {"round": round_, "ranking": ranking})


def _managed_application(request, uuid):
    """(the application, refusal page or ``None``) for the round's managers."""
    application = (
        Application.objects.visible_to(request.user)
        .select_related("round__fund__programme", "owner", "stage")
        .filter(uuid=uuid)
        .first()
    )
    if application is None:
        raise Http404(_("This application does not exist or is not visible to you."))
    allowed, reason = can_manage_fund(request.user, application.round.fund)
    return application, (None if allowed else forbidden(request, reason))


def _summary_page(request, application, *, error=None, status=200):
    result = summary.application_summary(user=request.user, application=application)
    context = {
        "application": application,
        "round": application.round,
        "summary": result,
        "prepare_error": error,
    }
    return render(request, "funding/review/summary.html", context, status=status)


@login_required
@require_GET
def review_summary(request, uuid):
    application, refused = _managed_application(request, uuid)
    return refused or _summary_page(request, application)


@login_required
@require_POST
def review_prepare(request, uuid):
    """The managers move a reviewed application on to "ready for decision"."""
    application, refused = _managed_application(request, uuid)
    if refused:
        return refused
    try:
        decision_prepare(
            actor=request.user,
            application=application,
            expected_version=request.POST.get("version") or None,
        )
    except DomainError as exc:
        application.refresh_from_db()
        status = 409 if isinstance(exc, ConflictError) else 400
        return _summary_page(request, application, error=exc.message, status=status)
    messages.success(
        request,
        _("“%(title)s” is ready for decision.") % {"title": application.title},
    )
    return redirect("funding:decide_round", application.round.slug)
