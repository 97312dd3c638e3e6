"""Pages of the register: the list, a barrier, recording and changing one, its status,
merging duplicates, the casusadoptie dossier and linking initiatives and cases."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.barriers import links, merge, patterns, permissions, selectors, services
from proeftuin.barriers.choices import TRANSITIONS, Category, LinkStatus, State
from proeftuin.barriers.forms import BarrierForm, LinkForm, MergeForm, MoveForm, owner_choices
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.barriers.views_common import put_on_form, refuse
from proeftuin.core.service import (
    DomainError,
    ValidationFailed,
    audit_history,
    querystring_without,
)
from proeftuin.organisations.service import Organisation

PAGE_SIZE = 25


def visible_barrier(request, slug: str) -> Barrier:
    try:
        return selectors.barrier_detail(user=request.user, slug=slug)
    except Barrier.DoesNotExist as exc:
        raise Http404(_("This barrier does not exist or is not visible to you.")) from exc


def _url(barrier: Barrier) -> str:
    return reverse("barriers:detail", args=[barrier.slug])


def _submit(request, form, save, message: str):
    """A posted form: validated, ``save(form)`` (a service call) returning the barrier to
    show, refusals put on the form. (A redirect on success or None, the status code.)"""
    if request.method != "POST":
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        barrier = save(form)
    except DomainError as exc:
        return None, put_on_form(form, exc)
    messages.success(request, message)
    return redirect(_url(barrier)), 200


@require_GET
def barrier_list(request):
    category = request.GET.get("categorie", "")
    state = request.GET.get("status", "")
    rows = selectors.barrier_list(
        user=request.user,
        category=category if category in Category.values else "",
        state=state if state in State.values else "",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = selectors.with_organisation_counts(page.object_list)
    context = {
        "page": page,
        "categories": Category.choices,
        "states": State.choices,
        "category": category,
        "state": state,
        "can_create": permissions.can_create_barrier(request.user)[0],
        "querystring": querystring_without(request, "pagina"),
    }
    return render(request, "barriers/list.html", context)


@require_GET
def barrier_detail(request, slug: str):
    barrier = visible_barrier(request, slug)
    user = request.user
    can_edit = permissions.can_edit_barrier(user, barrier)[0]
    context = {
        "barrier": barrier,
        "links": selectors.barrier_links(user=user, barrier=barrier),
        "can_edit": can_edit,
        "can_move": permissions.can_move_barrier(user, barrier)[0] and not barrier.merged_into_id,
        "move_form": MoveForm(),
        "next_states": [State(s) for s in TRANSITIONS[State(barrier.state)]],
        "duplicates": barrier.duplicates.visible_to(user),
        "history": audit_history(barrier)[:20] if can_edit else [],
    }
    return render(request, "barriers/detail.html", context)


def _owners(user):
    if is_platform_admin(user):
        return Organisation.objects.order_by("name")
    return owner_choices(organisation_ids_with_role(user, Role.CONTRIBUTOR))


def _own(user) -> int | None:
    """The organisation the form starts with: the user's own (the first where they may
    record barriers), also for a platform administrator who is a member somewhere."""
    own = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    return own[0] if own else None


@login_required
def barrier_create(request):
    allowed, reason = permissions.can_create_barrier(request.user)
    if not allowed:
        return refuse(request, reason)
    form = BarrierForm(
        request.POST or None,
        owners=_owners(request.user),
        initial={"status": "published", "visibility": "public", "owner": _own(request.user)},
    )
    done, status = _submit(
        request,
        form,
        lambda f: services.barrier_create(
            actor=request.user, owner=f.cleaned_data["owner"], data=f.data_for_service()
        ),
        _("The barrier has been recorded."),
    )
    if done:
        return done
    return render(request, "barriers/form.html", {"form": form, "barrier": None}, status=status)


def _initial(barrier: Barrier) -> dict:
    data = {name: getattr(barrier, name) for name in BarrierForm.base_fields if name != "authority"}
    data["authority"] = barrier.authority_id
    return data


@login_required
def barrier_edit(request, slug: str):
    barrier = visible_barrier(request, slug)
    allowed, reason = permissions.can_edit_barrier(request.user, barrier)
    if not allowed:
        return refuse(request, reason)
    form = BarrierForm(request.POST or None, initial=_initial(barrier))
    done, status = _submit(
        request,
        form,
        lambda f: services.barrier_update(
            actor=request.user,
            barrier=barrier,
            data=f.data_for_service(),
            version=f.cleaned_data.get("version"),
        ),
        _("The barrier has been saved."),
    )
    if done:
        return done
    context = {"form": form, "barrier": barrier}
    return render(request, "barriers/form.html", context, status=status)


@login_required
@require_POST
def barrier_move(request, slug: str):
    barrier = visible_barrier(request, slug)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.barrier_move(actor=request.user, barrier=barrier, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(_url(barrier))
        messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect(_url(barrier))


@login_required
def barrier_merge(request, slug: str):
    barrier = visible_barrier(request, slug)
    allowed, reason = permissions.can_edit_barrier(request.user, barrier)
    if not allowed:
        return refuse(request, reason)
    form = MergeForm(request.POST or None)

    def save(f):
        into = Barrier.objects.visible_to(request.user).filter(slug=f.cleaned_data["into"])
        if not into.exists():
            raise ValidationFailed(_("This barrier does not exist or is not visible to you."))
        return merge.barrier_merge(actor=request.user, barrier=barrier, into=into.get())

    done, status = _submit(request, form, save, _("The barriers have been merged."))
    if done:
        return done
    candidates = merge.duplicate_candidates(user=request.user, barrier=barrier)
    context = {"barrier": barrier, "form": form, "candidates": candidates}
    return render(request, "barriers/merge.html", context, status=status)


@require_GET
def barrier_dossier(request, slug: str):
    barrier = visible_barrier(request, slug)
    context = {"barrier": barrier, **patterns.dossier(user=request.user, barrier=barrier)}
    return render(request, "barriers/dossier.html", context)


@login_required
@require_POST
def link_decide(request, uuid):
    link = BarrierLink.objects.select_related("barrier", "initiative", "case").filter(uuid=uuid)
    link = link.filter(barrier__in=Barrier.objects.visible_to(request.user).values("pk")).first()
    if link is None:
        raise Http404(_("This suggestion does not exist or is not visible to you."))
    try:
        links.link_decide(
            actor=request.user, link=link, confirm=request.POST.get("decision") == "confirm"
        )
    except DomainError as exc:
        return refuse(request, str(exc.message))
    messages.success(request, _("Your decision has been saved."))
    return redirect(request.POST.get("next") or _url(link.barrier))


def _subject(request, kind: str, slug: str):
    from proeftuin.cases.service import case_visible
    from proeftuin.portfolio.service import initiative_visible

    if kind == "initiatief":
        subject = initiative_visible(request.user).filter(slug=slug).first()
    elif kind == "casus":
        subject = case_visible(request.user).filter(slug=slug).first()
    else:
        subject = None
    if subject is None:
        raise Http404(_("This initiative or case does not exist or is not visible to you."))
    return subject


@login_required
def subject_links(request, kind: str, slug: str):
    """The barriers of one initiative or case: its links and suggestions, linking another
    register entry, and asking for suggestions from what it recorded."""
    subject = _subject(request, kind, slug)
    allowed, reason = permissions.can_link_subject(request.user, subject)
    if not allowed:
        return refuse(request, reason)
    form, status = LinkForm(request.POST or None), 200
    if request.method == "POST":
        try:
            if "suggest" in request.POST:
                made = links.suggestions_refresh(actor=request.user, subject=subject)
                messages.success(request, _("%(n)d new suggestions.") % {"n": len(made)})
                return redirect(request.path)
            if form.is_valid():
                barrier = Barrier.objects.visible_to(request.user).current()
                barrier = barrier.filter(slug=form.cleaned_data["barrier"]).first()
                if barrier is None:
                    raise ValidationFailed(
                        _("This barrier does not exist or is not visible to you.")
                    )
                links.barrier_link(actor=request.user, barrier=barrier, subject=subject)
                messages.success(request, _("The barrier has been linked."))
                return redirect(request.path)
            status = 400
        except DomainError as exc:
            status = put_on_form(form, exc)
    context = {
        "subject": subject,
        "kind": kind,
        "form": form,
        "links": selectors.subject_links(user=request.user, subject=subject),
        "suggested": LinkStatus.SUGGESTED,
        "choices": Barrier.objects.visible_to(request.user).current().order_by("title")[:500],
    }
    return render(request, "barriers/subject.html", context, status=status)
