"""Pages of one adoption: its page, starting one ("Wij willen dit ook"), its status,
its details, the adopter's own initiative and withdrawing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proeftuin.core.service import DomainError, NotAllowed, audit_history, forbidden
from proeftuin.diffusion import forms, permissions, selectors, services
from proeftuin.diffusion.models import Adoption
from proeftuin.diffusion.own_initiative import adoption_make_initiative


def visible_innovation(request, kind: str, slug: str):
    """The initiative or case at ``/<kind>/<slug>/`` when visible, else 404."""
    innovation = selectors.innovation_at(kind, slug, user=request.user)
    if innovation is None:
        raise Http404(_("This innovation does not exist or is not visible to you."))
    return innovation


def visible_adoption(request, uuid) -> Adoption:
    try:
        return selectors.adoption_detail(user=request.user, uuid=uuid)
    except Adoption.DoesNotExist as exc:
        raise Http404(_("This adoption does not exist or is not visible to you.")) from exc


def editable_adoption(request, uuid):
    """The adoption and ``None``, or ``None`` and a 403 answer."""
    adoption = visible_adoption(request, uuid)
    allowed, reason = permissions.can_edit_adoption(request.user, adoption)
    return (adoption, None) if allowed else (None, forbidden(request, reason))


def show_domain_error(form, exc: DomainError) -> int:
    for field, problems in exc.field_errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, str(problem))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))
    return 403 if isinstance(exc, NotAllowed) else 400


def submitted(request, form, save, message: str, *, valid: bool | None = None):
    """A posted form: when valid, ``save()`` (a service call) with its refusals put on the
    form. Returns (the saved result or None, the status code to answer with)."""
    if request.method != "POST":
        return None, 200
    if not (form.is_valid() if valid is None else valid):
        return None, 400
    try:
        result = save()
    except DomainError as exc:
        return None, show_domain_error(form, exc)
    messages.success(request, message)
    return result, 302


def detail_url(adoption: Adoption) -> str:
    return reverse("diffusion:detail", args=[adoption.uuid])


@require_GET
def adoption_detail(request, uuid):
    adoption = visible_adoption(request, uuid)
    can_edit, _reason = permissions.can_edit_adoption(request.user, adoption)
    context = {
        "adoption": adoption,
        "innovation": selectors.innovation_shown(adoption, user=request.user),
        "source": selectors.source_shown(adoption, user=request.user),
        "passed_on": selectors.adoptions_learned_from(adoption, user=request.user),
        "can_edit": can_edit,
        "history": audit_history(adoption) if can_edit else [],
    }
    return render(request, "diffusion/detail.html", context)


@login_required
def adoption_start(request, kind: str, slug: str):
    """ "Wij willen dit ook": start an adoption of this innovation for one of the user's
    organisations, with the organisation it was learned from."""
    innovation = visible_innovation(request, kind, slug)
    if not permissions.can_start_adoption(request.user):
        return forbidden(request, _("Only editors of an organisation can record adoptions."))
    form = forms.StartForm(
        request.POST or None,
        adopters=selectors.adopter_choices(request.user),
        sources=selectors.adoptions_of(innovation, user=request.user),
    )
    adoption, status = submitted(
        request,
        form,
        lambda: services.adoption_start(
            actor=request.user, innovation=innovation, **form.cleaned_data
        ),
        _("The adoption was started."),
    )
    if adoption is not None:
        return redirect(detail_url(adoption))
    context = {"form": form, "innovation": innovation, "kind": kind}
    return render(request, "diffusion/start.html", context, status=status)


def _form_page(request, adoption, form, template: str, status: int, **extra):
    context = {"form": form, "adoption": adoption, **extra}
    return render(request, f"diffusion/{template}", context, status=status)


@login_required
def adoption_status(request, uuid):
    adoption, refused = editable_adoption(request, uuid)
    if refused:
        return refused
    form = forms.StatusForm(request.POST or None, initial={"status": adoption.status})
    changed, status = submitted(
        request,
        form,
        lambda: services.adoption_set_status(
            actor=request.user, adoption=adoption, **form.cleaned_data
        ),
        _("The status was changed."),
    )
    if changed is not None:
        return redirect(detail_url(adoption))
    return _form_page(request, adoption, form, "status.html", status)


def _edit_forms(request, adoption):
    initial = {
        "adaptations": adoption.adaptations,
        "outcomes": adoption.outcomes,
        "visibility": adoption.visibility,
        "source": adoption.source.uuid if adoption.source_id else None,
    }
    sources = selectors.adoptions_of(adoption.innovation, user=request.user).exclude(pk=adoption.pk)
    form = forms.AdoptionForm(request.POST or None, initial=initial, sources=sources)
    measures = [
        {f: getattr(m, f) for f in ("measure", "unit", "baseline", "value", "measured_on")}
        for m in adoption.measures.all()
    ]
    formset = forms.MeasureFormSet(request.POST or None, initial=measures, prefix="measures")
    return form, formset


@login_required
def adoption_edit(request, uuid):
    adoption, refused = editable_adoption(request, uuid)
    if refused:
        return refused
    form, formset = _edit_forms(request, adoption)
    valid = form.is_valid() and formset.is_valid() if request.method == "POST" else False
    saved, status = submitted(
        request,
        form,
        lambda: services.adoption_update(
            actor=request.user,
            adoption=adoption,
            **form.cleaned_data,
            measures=forms.measure_rows(formset),
        ),
        _("The adoption was saved."),
        valid=valid,
    )
    if saved is not None:
        return redirect(detail_url(adoption))
    return _form_page(request, adoption, form, "form.html", status, formset=formset)


@login_required
def adoption_own_initiative(request, uuid):
    """Create the adopter's own initiative from the adoption, after a confirmation."""
    adoption, refused = editable_adoption(request, uuid)
    if refused:
        return refused
    error = ""
    if request.method == "POST":
        try:
            initiative = adoption_make_initiative(actor=request.user, adoption=adoption)
        except DomainError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _("Your own initiative was created as a draft."))
            return redirect("portfolio:detail", initiative.slug)
    context = {"adoption": adoption, "error": error}
    return render(request, "diffusion/own_initiative.html", context, status=409 if error else 200)


@login_required
def adoption_withdraw(request, uuid):
    adoption, refused = editable_adoption(request, uuid)
    if refused:
        return refused
    if request.method == "POST":
        services.adoption_withdraw(actor=request.user, adoption=adoption)
        messages.success(request, _("The adoption was withdrawn."))
        return redirect("diffusion:organisation", adoption.adopter.slug)
    return render(request, "diffusion/withdraw.html", {"adoption": adoption})
