"""Pages of the awards: the editions, an edition's public page, nominating, a nomination's
page (its submission and site visit for who may read them), consent and the submission."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin.awards import forms, permissions, selectors, selectors_judging
from proeftuin.awards import services_nominations as services
from proeftuin.awards.choices import Consent
from proeftuin.awards.services_casebooks import casebooks_readable
from proeftuin.awards.services_votes import VOTE_STAGES, vote_closed_message, vote_counts
from proeftuin.core.service import (
    DomainError,
    form_refusal,
    querystring_without,
    subject_moves,
)

PUBLIC_STAGES = ("finalist", "winner")
NOMINEES_PAGE = 50  # nominees per page of an edition


def _edition(request, slug):
    found = selectors.editions_visible(user=request.user).filter(slug=slug).first()
    if found is None:
        raise Http404(_("This edition does not exist or is not visible to you."))
    return found


def _nomination(request, uuid):
    found = selectors.nominations_visible(user=request.user).filter(uuid=uuid).first()
    if found is None:
        raise Http404(_("This nomination does not exist or is not visible to you."))
    return found


def _may_visit(user, nomination) -> bool:
    from proeftuin.awards.services_decisions import check_may_visit

    if not user.is_authenticated:
        return False
    try:
        check_may_visit(user, nomination)
    except DomainError:
        return False
    return True


def edition_list(request):
    editions = selectors.editions_visible(user=request.user).order_by("-year", "title")
    context = {
        "editions": editions,
        "may_create": selectors.programmes_organisable(user=request.user).exists(),
        "organised": selectors.competitions_organised(user=request.user),
    }
    return render(request, "awards/editions.html", context)


def edition_detail(request, slug):
    edition = _edition(request, slug)
    nominations = selectors.nominations_visible(user=request.user, edition=edition)
    page = Paginator(nominations, NOMINEES_PAGE).get_page(request.GET.get("pagina"))
    ahead = list(nominations.filter(stage__key__in=(*PUBLIC_STAGES, *VOTE_STAGES)))
    vote_closed = edition.vote_closes is not None and edition.vote_closes < timezone.now()
    context = {
        "edition": edition,
        "nominations": page.object_list,
        "page": page,
        "querystring": querystring_without(request, "pagina"),
        "finalists": [n for n in ahead if n.stage.key in PUBLIC_STAGES],
        "candidates": [n for n in ahead if n.stage.key in VOTE_STAGES and n.consent == "given"],
        "winner": next((n for n in ahead if n.stage.key == "winner"), None),
        "criteria": edition.criteria.all(),
        "nominations_open": services.nominations_closed_message(edition) is None,
        "organiser": permissions.can_organise(request.user, edition.competition)[0],
        "judge": request.user.is_authenticated
        and edition.panels.filter(members=request.user).exists(),
        "votes": vote_counts(edition) if vote_closed else [],
        "vote_open": vote_closed_message(edition) is None,
        "casebooks": casebooks_readable(request.user).filter(edition=edition)[:20],
    }
    return render(request, "awards/edition.html", context)


@login_required
def nominate(request, slug):
    edition = _edition(request, slug)
    form = forms.NominateForm(request.POST or None, edition=edition)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                nomination = services.nomination_create(
                    actor=request.user, edition=edition, **form.cleaned()
                )
            except DomainError as exc:
                status = form_refusal(form, exc)
            else:
                messages.success(request, _("The nomination has been saved."))
                return redirect("awards:nomination", uuid=nomination.uuid)
    closed = services.nominations_closed_message(edition)
    context = {"edition": edition, "form": form, "closed": closed}
    return render(request, "awards/nominate.html", context, status=status)


def nomination_detail(request, uuid):
    nomination = _nomination(request, uuid)
    user = request.user
    may_consent = (
        nomination.consent == Consent.PENDING and permissions.can_consent(user, nomination)[0]
    )
    context = {
        "nomination": nomination,
        "submission": selectors.submission_of(user=user, nomination=nomination),
        "site_visit": selectors_judging.site_visit_of(user=user, nomination=nomination),
        "may_edit": permissions.can_edit_submission(user, nomination)[0]
        and nomination.consent == Consent.GIVEN
        and nomination.stage.key == services.INITIAL,
        "consent_form": forms.ConsentForm(initial={"version": nomination.version})
        if may_consent
        else None,
        "may_visit": nomination.stage.key in ("finalist", "winner")
        and _may_visit(user, nomination),
        "moves": subject_moves(nomination)
        if permissions.can_read_submission(user, nomination)[0]
        else [],
    }
    return render(request, "awards/nomination.html", context)


@login_required
@require_POST
def consent(request, uuid):
    nomination = _nomination(request, uuid)
    form = forms.ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_decide(
                actor=request.user,
                nomination=nomination,
                give=form.cleaned_data["give"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect("awards:nomination", uuid=nomination.uuid)
        messages.success(request, _("Your answer has been saved."))
    else:
        messages.error(request, _("Choose whether your organisation takes part."))
    return redirect("awards:nomination", uuid=nomination.uuid)


@login_required
def submission(request, uuid):
    nomination = _nomination(request, uuid)
    allowed, reason = permissions.can_edit_submission(request.user, nomination)
    if not allowed:
        from proeftuin.core.service import forbidden

        return forbidden(request, reason)
    criteria = nomination.edition.criteria.all()
    initial = {f"c{a.criterion_id}": a.text for a in nomination.answers.all()}
    initial["version"] = nomination.version
    form = forms.SubmissionForm(request.POST or None, criteria=criteria, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _save(request, nomination, form)
            except DomainError as exc:
                status = form_refusal(form, exc, field_for=lambda key: _field(form, key))
            else:
                return redirect("awards:nomination", uuid=nomination.uuid)
    context = {"nomination": nomination, "form": form}
    return render(request, "awards/submission.html", context, status=status)


def _field(form, key) -> str | None:
    name = f"c{key}"
    return name if name in form.fields else None


def _save(request, nomination, form) -> None:
    version = form.cleaned_data["version"]
    saved = services.submission_save(
        actor=request.user, nomination=nomination, answers=form.answers(), expected_version=version
    )
    if "submit" in request.POST:
        services.submission_submit(actor=request.user, nomination=saved)
        messages.success(request, _("The submission has been sent in."))
    else:
        messages.success(request, _("The submission has been saved."))
