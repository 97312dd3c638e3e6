"""Pages where a programme's managers set up funds and rounds: the list of rounds, a
fund (its rounds, screeners and reviewers), a new round, and a round's set-up (dates and
budget, budget categories, criteria, form questions, rules). Applicants' pages of a
round (starting an application) are in ``views_apply``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from proeftuin.accounts.service import User
from proeftuin.core.service import DomainError, forbidden
from proeftuin.core.service import form_refusal as show_error
from proeftuin.funding import forms_rounds as forms
from proeftuin.funding import permissions, selectors, selectors_apply
from proeftuin.funding import services_rounds as services
from proeftuin.funding.models import Fund, Round
from proeftuin.funding.rules import describe
from proeftuin.funding.services_applications import round_closed_message
from proeftuin.organisations.service import programmes_managed


def managed_fund(request, slug) -> Fund:
    fund = selectors.funds_visible(user=request.user).filter(slug=slug).first()
    if fund is None:
        raise Http404(_("This fund does not exist or is not visible to you."))
    return fund


def managed_round(request, slug) -> Round:
    round_ = selectors.rounds_visible(user=request.user).filter(slug=slug).first()
    if round_ is None:
        raise Http404(_("This round does not exist or is not visible to you."))
    return round_


@require_GET
def round_list(request):
    rounds = selectors.rounds_visible(user=request.user).select_related("fund", "fund__programme")
    funds = selectors.funds_managed(user=request.user)
    return render(
        request,
        "funding/rounds/list.html",
        {
            "rounds": rounds,
            "managed_funds": funds,
            "may_create_fund": programmes_managed(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request):
    programmes = programmes_managed(request.user)
    if not programmes.exists():
        return forbidden(request, _("Only the managers of a programme can create a fund."))
    form = forms.FundForm(request.POST or None, programmes=programmes)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                fund = services.fund_create(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("The fund has been created."))
                return redirect("funding:fund", fund.slug)
    return render(request, "funding/rounds/fund_form.html", {"form": form}, status=status)


@require_GET
def fund_detail(request, slug):
    fund = managed_fund(request, slug)
    manager = permissions.is_manager(request.user, fund)
    rounds = selectors.rounds_visible(user=request.user).filter(fund=fund)
    context = {
        "fund": fund,
        "rounds": rounds,
        "is_manager": manager,
        "members": fund.members.select_related("user") if manager else [],
        "member_form": forms.MemberForm() if manager else None,
    }
    return render(request, "funding/rounds/fund.html", context)


@login_required
@require_POST
def fund_member_add(request, slug):
    fund = managed_fund(request, slug)
    allowed, reason = permissions.can_manage_fund(request.user, fund)
    if not allowed:
        return forbidden(request, reason)
    form = forms.MemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        user = User.objects.filter(username=data.pop("username"), is_active=True).first()
        if user is None:
            form.add_error("username", _("There is no active account with this user name."))
        else:
            try:
                services.fund_member_set(actor=request.user, fund=fund, user=user, **data)
            except DomainError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("The fund has a new screener or reviewer."))
                return redirect("funding:fund", fund.slug)
    context = {
        "fund": fund,
        "rounds": fund.rounds.all(),
        "is_manager": True,
        "members": fund.members.select_related("user"),
        "member_form": form,
    }
    return render(request, "funding/rounds/fund.html", context, status=400)


@login_required
@require_POST
def fund_member_remove(request, slug, member):
    fund = managed_fund(request, slug)
    allowed, reason = permissions.can_manage_fund(request.user, fund)
    if not allowed:
        return forbidden(request, reason)
    row = get_object_or_404(fund.members, pk=member)
    services.fund_member_remove(actor=request.user, member=row)
    messages.success(
        request, _("%(user)s is no longer a member of this fund.") % {"user": row.user}
    )
    return redirect("funding:fund", fund.slug)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, slug):
    fund = managed_fund(request, slug)
    allowed, reason = permissions.can_manage_fund(request.user, fund)
    if not allowed:
        return forbidden(request, reason)
    form = forms.NewRoundForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                round_ = services.round_create(actor=request.user, fund=fund, **form.cleaned_data)
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(
                    request,
                    _("The round has been created. Now set up its criteria, questions and rules."),
                )
                return redirect("funding:round_setup", round_.slug)
    return render(
        request, "funding/rounds/round_form.html", {"form": form, "fund": fund}, status=status
    )


PARTS = {
    "categorie": (forms.CategoryForm, services.category_add, "categories"),
    "criterium": (forms.CriterionForm, services.criterion_add, "criteria"),
    "vraag": (forms.QuestionForm, services.question_add, "questions"),
    "regel": (forms.RuleForm, services.rule_add, "rules"),
}
REMOVALS = {
    "criterium": ("criteria", services.criterion_remove, "criterion"),
    "vraag": ("questions", services.question_remove, "question"),
    "regel": ("rules", services.rule_remove, "rule"),
}


def _part_id(part: str) -> str:
    """The set-up page holds several forms with fields of the same name (name,
    description): each part's ids get its own prefix, so every label names its own field."""
    return f"id_{part}_%s"


def _setup_context(round_, **given) -> dict:
    forms_ = {
        f"{key}_form": given.get(f"{key}_form") or form(auto_id=_part_id(key))
        for key, (form, _s, _r) in PARTS.items()
    }
    return {
        "round": round_,
        "round_form": given.get("round_form") or forms.RoundForm(initial=_round_initial(round_)),
        "stages": round_.workflow.stages.order_by("order"),
        "rules": [(rule, describe(rule)) for rule in round_.rules.all()],
        **forms_,
    }


def _round_initial(round_) -> dict:
    fields = (
        "title",
        "description",
        "opens_at",
        "closes_at",
        "decision_due",
        "budget",
        "published",
        "report_every_months",
    )
    return {name: getattr(round_, name) for name in fields}


def _setup_page(request, slug):
    round_ = managed_round(request, slug)
    allowed, reason = permissions.can_manage_fund(request.user, round_.fund)
    return round_, (None if allowed else forbidden(request, reason))


@login_required
@require_http_methods(["GET", "POST"])
def round_setup(request, slug):
    round_, refusal = _setup_page(request, slug)
    if refusal:
        return refusal
    if request.method == "GET":
        return render(request, "funding/rounds/setup.html", _setup_context(round_))
    form = forms.RoundForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.round_update(
                actor=request.user,
                round_=round_,
                expected_version=request.POST.get("version"),
                **form.cleaned_data,
            )
        except DomainError as exc:
            status = show_error(form, exc)
        else:
            messages.success(request, _("The round has been saved."))
            return redirect("funding:round_setup", round_.slug)
    return render(
        request, "funding/rounds/setup.html", _setup_context(round_, round_form=form), status=status
    )


@login_required
@require_POST
def round_part_add(request, slug, part):
    round_, refusal = _setup_page(request, slug)
    if refusal:
        return refusal
    if part not in PARTS:
        raise Http404
    form_class, write, anchor = PARTS[part]
    form = form_class(request.POST, auto_id=_part_id(part))
    status = 400
    if form.is_valid():
        data = form.cleaned() if hasattr(form, "cleaned") else dict(form.cleaned_data)
        if part == "regel":
            data = {"kind": data["kind"], "params": form.params()}
        try:
            write(actor=request.user, round_=round_, **data)
        except DomainError as exc:
            status = show_error(form, exc)
        else:
            messages.success(request, _("Added."))
            return redirect(reverse("funding:round_setup", args=[round_.slug]) + f"#{anchor}")
    context = _setup_context(round_, **{f"{part}_form": form})
    return render(request, "funding/rounds/setup.html", context, status=status)


@login_required
@require_POST
def round_part_remove(request, slug, part, pk):
    round_, refusal = _setup_page(request, slug)
    if refusal:
        return refusal
    if part not in REMOVALS:
        raise Http404
    related, remove, argument = REMOVALS[part]
    row = get_object_or_404(getattr(round_, related), pk=pk)
    try:
        remove(actor=request.user, **{argument: row})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Removed."))
    return redirect(reverse("funding:round_setup", args=[round_.slug]) + f"#{related}")


@require_GET
def round_detail(request, slug):
    """A round as everyone who may see it reads it: what it funds, until when, the budget,
    the criteria and the rules; the caller's own applications in it and the way to apply;
    its managers get the link to its set-up."""
    round_ = managed_round(request, slug)
    context = {
        "round": round_,
        "is_manager": permissions.is_manager(request.user, round_.fund),
        "is_open": round_.is_open(),
        "criteria": round_.criteria.all(),
        "categories": round_.categories.all(),
        "rules": [describe(rule) for rule in round_.rules.all()],
        "closed": round_closed_message(round_),
        "may_apply": permissions.can_apply(request.user)[0],
        "mine": selectors_apply.applications_mine(request.user).filter(round=round_),
    }
    return render(request, "funding/rounds/detail.html", context)
