"""Pages of a round's decisions: the decision page with the batch form, the letter
templates, the round's figures (page and CSV/XLSX/ODS) and the public results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from proeftuin.core.service import ConflictError, DomainError, forbidden
from proeftuin.funding import analytics, letters, permissions
from proeftuin.funding.choices import DecisionOutcome
from proeftuin.funding.forms_decide import LetterTemplateForm, batch_from_post
from proeftuin.funding.models import LetterTemplate, Round
from proeftuin.funding.selectors import rounds_visible
from proeftuin.funding.selectors_decide import applications_ready_page
from proeftuin.funding.services_decisions import decisions_batch, remaining_budget


def visible_round(request, slug) -> Round:
    round_ = rounds_visible(user=request.user).select_related("fund").filter(slug=slug).first()
    if round_ is None:
        raise Http404(_("This round does not exist or is not visible to you."))
    return round_


def managed_round(request, slug):
    """(round, refusal page or ``None``)."""
    round_ = visible_round(request, slug)
    allowed, reason = permissions.can_manage_fund(request.user, round_.fund)
    return round_, (None if allowed else forbidden(request, reason))


def _budget_rows(round_):
    rows = [(_("Whole round"), round_.budget, remaining_budget(round_))]
    rows += [(c.name, c.amount, remaining_budget(round_, c)) for c in round_.categories.all()]
    return rows


def _values(posted, prefix: str) -> dict:
    """What the manager typed in a row, to show again after a refused batch."""
    names = ("outcome", "amount", "conditions", "reasons")
    return {name: posted.get(f"{prefix}-{name}", "") for name in names}


@login_required
@require_http_methods(["GET", "POST"])
def decide_round(request, slug):
    round_, refused = managed_round(request, slug)
    if refused:
        return refused
    page = applications_ready_page(user=request.user, round_=round_, page=request.GET.get("pagina"))
    ready = page.object_list
    status, error = 200, None
    if request.method == "POST":
        decisions = batch_from_post(request.POST, ready)
        try:
            done = decisions_batch(actor=request.user, decisions=decisions)
        except DomainError as exc:
            status = 409 if isinstance(exc, ConflictError) else 400
            error = exc.message
        else:
            messages.success(request, _("%(n)d decision(s) saved.") % {"n": len(done)})
            return redirect("funding:decide_round", slug=round_.slug)
    posted = request.POST if error else {}
    rows = [(a, _values(posted, str(a.uuid))) for a in ready]
    context = {"round": round_, "rows": rows, "budgets": _budget_rows(round_), "error": error}
    context |= {"page": page, "querystring": ""}
    return render(request, "funding/decide/round.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def decide_letters(request, slug):
    round_, refused = managed_round(request, slug)
    if refused:
        return refused
    fund, status, bound = round_.fund, 200, None
    posted = request.POST.get("outcome") if request.method == "POST" else None
    if posted is not None:
        if posted not in DecisionOutcome.values:
            return forbidden(request, _("Choose granted or rejected."), status=400)
        bound = LetterTemplateForm(request.POST, prefix=posted)
        status = 400
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                letters.letter_template_save(
                    actor=request.user,
                    fund=fund,
                    outcome=posted,
                    subject=data["subject"],
                    body=data["body"],
                    expected_version=data["version"],
                )
            except DomainError as exc:
                status = _form_error(bound, exc)
            else:
                messages.success(request, _("The letter template has been saved."))
                return redirect("funding:decide_letters", slug=round_.slug)
    forms_shown = []
    for outcome in DecisionOutcome:
        if outcome == posted:
            forms_shown.append((outcome, bound))
            continue
        subject, body, stored = letters.template_for(fund, outcome)
        initial = {"subject": subject, "body": body, "version": stored.version if stored else None}
        forms_shown.append((outcome, LetterTemplateForm(initial=initial, prefix=outcome)))
    context = {
        "round": round_,
        "forms": forms_shown,
        "placeholders": letters.PLACEHOLDERS,
        "custom": set(LetterTemplate.objects.filter(fund=fund).values_list("outcome", flat=True)),
    }
    return render(request, "funding/decide/letters.html", context, status=status)


def _form_error(form, exc: DomainError) -> int:
    for field, problems in exc.field_errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, str(problem))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))
    return 409 if isinstance(exc, ConflictError) else 400


@login_required
@require_GET
def decide_analytics(request, slug):
    round_, refused = managed_round(request, slug)
    if refused:
        return refused
    context = {"round": round_, "tables": analytics.round_analytics(round_)}
    return render(request, "funding/decide/analytics.html", context)


@login_required
@require_GET
def decide_analytics_file(request, slug, fmt):
    round_, refused = managed_round(request, slug)
    if refused:
        return refused
    if fmt not in analytics.FILES:
        raise Http404(_("Choose CSV, XLSX or ODS."))
    data, content_type, name = analytics.analytics_file(round_, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def decide_results(request, slug):
    """Public: the granted experiments of a published round, public summaries only."""
    round_ = visible_round(request, slug)
    if not round_.published:
        raise Http404(_("This round does not exist or is not visible to you."))
    context = {"round": round_, "results": analytics.public_results(round_)}
    return render(request, "funding/decide/results.html", context)
