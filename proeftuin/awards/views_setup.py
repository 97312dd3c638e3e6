"""The organisers' set-up pages: a new competition (for a programme they manage), a new
edition of a competition, and an edition's set-up (its timeline, score scale, top and
finalists, public vote, criteria and categories). The services decide; their refusals are
shown in Dutch beside the fields, and a concurrent edit keeps what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from proeftuin.awards import permissions, selectors
from proeftuin.awards import services_competitions as services
from proeftuin.awards.forms_setup import (
    CategoryForm,
    CompetitionForm,
    CriterionForm,
    EditionForm,
    NewEditionForm,
)
from proeftuin.awards.models import Competition
from proeftuin.awards.views import _edition
from proeftuin.core.service import DomainError, forbidden, form_refusal

CRITERION_IDS = "id_criterion_%s"
CATEGORY_IDS = "id_category_%s"


@login_required
@require_http_methods(["GET", "POST"])
def competition_new(request):
    programmes = selectors.programmes_organisable(user=request.user)
    if not programmes.exists():
        return forbidden(request, _("Only the managers of a programme can create a competition."))
    form = CompetitionForm(request.POST or None, programmes=programmes)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                competition = services.competition_create(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                status = form_refusal(form, exc)
            else:
                messages.success(
                    request, _("The competition has been created. Now set up its first edition.")
                )
                return redirect("awards:edition_new", competition=competition.slug)
    return render(request, "awards/competition_new.html", {"form": form}, status=status)


def _competition(request, slug):
    competition = Competition.objects.filter(slug=slug).select_related("programme").first()
    if competition is None:
        raise Http404(_("This competition does not exist."))
    allowed, reason = permissions.can_organise(request.user, competition)
    return competition, (None if allowed else forbidden(request, reason))


@login_required
@require_http_methods(["GET", "POST"])
def edition_new(request, competition):
    competition, refusal = _competition(request, competition)
    if refusal:
        return refusal
    form = NewEditionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned()
            year = data.pop("year")
            try:
                edition = services.edition_create(
                    actor=request.user, competition=competition, year=year, **data
                )
            except DomainError as exc:
                status = form_refusal(form, exc)
            else:
                messages.success(
                    request, _("The edition has been created. Now add its criteria and categories.")
                )
                return redirect("awards:setup", slug=edition.slug)
    context = {"competition": competition, "form": form}
    return render(request, "awards/edition_new.html", context, status=status)


def _organised(request, slug):
    edition = _edition(request, slug)
    allowed, reason = permissions.can_organise(request.user, edition.competition)
    return edition, (None if allowed else forbidden(request, reason))


def _setup_context(edition, **given) -> dict:
    themes = selectors.casebook_themes()
    names = dict(themes)
    initial = {name: getattr(edition, name) for name in services.EDITION_FIELDS}
    return {
        "edition": edition,
        "edition_form": given.get("edition_form") or EditionForm(initial=initial),
        "criteria": [(c, names.get(c.theme, c.theme)) for c in edition.criteria.all()],
        "categories": edition.categories.all(),
        "criterion_form": given.get("criterion_form")
        or CriterionForm(themes=themes, auto_id=CRITERION_IDS),
        "category_form": given.get("category_form") or CategoryForm(auto_id=CATEGORY_IDS),
    }


@login_required
@require_http_methods(["GET", "POST"])
def setup(request, slug):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    if request.method == "GET":
        return render(request, "awards/setup.html", _setup_context(edition))
    form = EditionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.edition_update(
                actor=request.user,
                edition=edition,
                expected_version=_version(request),
                **form.cleaned(),
            )
        except DomainError as exc:
            status = form_refusal(form, exc)
        else:
            messages.success(request, _("The edition has been saved."))
            return redirect("awards:setup", slug=edition.slug)
    context = _setup_context(edition, edition_form=form)
    return render(request, "awards/setup.html", context, status=status)


def _version(request) -> int:
    """The version the form was opened with; unreadable counts as outdated (0)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def _back(edition, anchor: str):
    return redirect(reverse("awards:setup", args=[edition.slug]) + f"#{anchor}")


@login_required
@require_POST
def criterion_add(request, slug):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    form = CriterionForm(request.POST, themes=selectors.casebook_themes(), auto_id=CRITERION_IDS)
    status = 400
    if form.is_valid():
        try:
            services.criterion_add(actor=request.user, edition=edition, **form.cleaned_data)
        except DomainError as exc:
            status = form_refusal(form, exc)
        else:
            messages.success(request, _("The criterion has been added."))
            return _back(edition, "criteria")
    context = _setup_context(edition, criterion_form=form)
    return render(request, "awards/setup.html", context, status=status)


@login_required
@require_POST
def criterion_remove(request, slug, pk):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    criterion = get_object_or_404(edition.criteria, pk=pk)
    try:
        services.criterion_remove(actor=request.user, edition=edition, criterion=criterion)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The criterion has been removed."))
    return _back(edition, "criteria")


@login_required
@require_POST
def category_add(request, slug):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    form = CategoryForm(request.POST, auto_id=CATEGORY_IDS)
    status = 400
    if form.is_valid():
        try:
            services.category_add(actor=request.user, edition=edition, **form.cleaned_data)
        except DomainError as exc:
            status = form_refusal(form, exc)
        else:
            messages.success(request, _("The category has been added."))
            return _back(edition, "categories")
    context = _setup_context(edition, category_form=form)
    return render(request, "awards/setup.html", context, status=status)


@login_required
@require_POST
def category_remove(request, slug, pk):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    category = get_object_or_404(edition.categories, pk=pk)
    try:
        services.category_remove(actor=request.user, edition=edition, category=category)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The category has been removed."))
    return _back(edition, "categories")
