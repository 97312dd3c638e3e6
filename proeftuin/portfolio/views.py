"""Pages of the portfolio: the list, the initiative page, starting and editing one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proeftuin.cases.service import case_visible
from proeftuin.core.fragments import viewer_cached
from proeftuin.core.service import (
    ConflictError,
    DomainError,
    allowed_moves,
    audit_history,
    forbidden,
    querystring_without,
)
from proeftuin.portfolio import permissions, selectors, services
from proeftuin.portfolio.detail_page import inspirations, parts_generation, shared_parts
from proeftuin.portfolio.forms import InitiativeForm
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.to_case import case_context
from proeftuin.search.service import prior_cases, strength

PAGE_SIZE = 20
# what a kept list page shows: initiatives, organisation names, themes, stage names
LIST_CONTENT = ("initiatives", "organisations", "cases", "workflows")
CONFLICT = 409


def visible_initiative(request, slug: str) -> Initiative:
    try:
        return selectors.initiative_detail(user=request.user, slug=slug)
    except Initiative.DoesNotExist as exc:
        raise Http404(_("This initiative does not exist or is not visible to you.")) from exc


def show_domain_error(form, exc: DomainError) -> int:
    """Put a service's refusal on the form; the status code to answer with."""
    if isinstance(exc, ConflictError):
        form.add_error(None, str(exc.message))
        return CONFLICT
    for field, problems in exc.field_errors.items():
        target = field if field in form.fields else None
        for problem in problems:
            form.add_error(target, str(problem))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))
    return 400 if exc.field_errors else 403


def submit(request, form, save, done, message: str):
    """A posted form: validated, then ``save(form)`` (a service call), refusals put on the
    form. Returns (a redirect to ``done(result)`` on success or None, the status code)."""
    if not form.is_valid():
        return None, 400
    try:
        result = save(form)
    except DomainError as exc:
        return None, show_domain_error(form, exc)
    messages.success(request, message)
    return redirect(done(result)), 200


def _detail_url(initiative: Initiative) -> str:
    return reverse("portfolio:detail", args=[initiative.slug])


def _list_page(filterset, number) -> dict:
    """The count, page number and rendered rows of one page of the list. Pages over primary
    keys alone (``selectors.initiative_page_rows``)."""
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    pks = rows.prefetch_related(None).values_list("pk", flat=True)
    page = Paginator(pks, PAGE_SIZE).get_page(number)
    initiatives = selectors.initiative_page_rows(list(page.object_list))
    html = render_to_string("portfolio/_list_rows.html", {"initiatives": initiatives})
    return {"count": page.paginator.count, "number": page.number, "rows": html}


@require_GET
def initiative_list(request):
    """The list. Its page (count and rows) is kept for every viewer who sees the same
    initiatives, per URL, until a write to what it shows (``LIST_CONTENT``)."""
    filterset = selectors.initiative_filter(user=request.user, data=request.GET)
    found = viewer_cached(
        "portfolio.list.1",  # the shape of what is kept: bump when it changes
        (sorted(request.GET.lists()),),
        lambda: _list_page(filterset, request.GET.get("pagina")),
        user=request.user,
        rule=Initiative.objects.all(),
        depends_on=LIST_CONTENT,
    )
    paginator = Paginator([], PAGE_SIZE)
    paginator.count = found["count"]
    context = {
        "filterset": filterset,
        "page": paginator.get_page(found["number"]),
        "rows": mark_safe(found["rows"]),
        "querystring": querystring_without(request, "pagina"),
        "can_create": permissions.can_create_initiative(request.user)[0],
    }
    return render(request, "portfolio/list.html", context)


@require_GET
def initiative_detail(request, slug: str):
    user = request.user
    generation = parts_generation()  # before the initiative is read
    try:
        initiative = selectors.initiative_header(user=user, slug=slug)
    except Initiative.DoesNotExist as exc:
        raise Http404(_("This initiative does not exist or is not visible to you.")) from exc
    rights = {
        "can_edit": permissions.can_edit_initiative(user, initiative)[0],
        "can_see_people": permissions.can_see_people(user, initiative),
    }
    fragments = shared_parts(initiative, rights, generation)
    context = {
        "initiative": initiative,
        "fragments": fragments,
        **rights,
        **inspirations(user, fragments["inspired_by"]),
        "history": audit_history(initiative)[:20] if rights["can_edit"] else [],
        "can_move": bool(allowed_moves(initiative, user)),
        **case_context(user, initiative),
    }
    return render(request, "portfolio/detail.html", context)


def _form(request, initiative: Initiative | None, initial=None) -> InitiativeForm:
    user = request.user
    others = selectors.initiative_visible(user).order_by("title")
    if initiative is not None:
        others = others.exclude(pk=initiative.pk)
    return InitiativeForm(
        data=request.POST if request.method == "POST" else None,
        initial=initial,
        lead_choices=selectors.initiative_lead_choices(user=user, initiative=initiative),
        cases=case_visible(user).order_by("title"),
        initiatives=others,
    )


def _prior_context(request, form) -> dict:
    """The "has this been done before?" panel; filled without JavaScript on request."""
    if request.method != "POST" or "check_prior" not in request.POST:
        return {"prior_cases": [], "prior_query": ""}
    text = "\n".join(str(request.POST.get(n, "")).strip() for n in ("title", "problem")).strip()
    found = prior_cases(user=request.user, text=text) if text else []
    return {"prior_cases": [(hit, strength(hit.similarity)) for hit in found], "prior_query": text}


@login_required
def initiative_create(request):
    allowed, reason = permissions.can_create_initiative(request.user)
    if not allowed:
        return forbidden(request, reason)
    form, status = _form(request, None, initial={"status": "draft"}), 200
    leads = list(form.fields["owner"].queryset.values_list("pk", flat=True)[:2])
    if len(leads) == 1:  # the only organisation the user may start one for: chosen already
        form.initial["owner"] = leads[0]
    prior = _prior_context(request, form)
    if request.method == "POST" and "check_prior" in request.POST:
        form.errors.clear()  # the form as typed, not validated
    elif request.method == "POST":
        done, status = submit(
            request,
            form,
            lambda f: services.initiative_create(actor=request.user, **f.service_data()),
            _detail_url,
            _("The initiative has been saved."),
        )
        if done:
            return done
    context = {"form": form, "initiative": None, **prior}
    return render(request, "portfolio/form.html", context, status=status)


def _initial(initiative: Initiative) -> dict:
    data = {
        name: getattr(initiative, name)
        for name in InitiativeForm.base_fields
        if name not in ("owner", "partners", "themes", "domains", "inspired_by_cases")
        and name != "inspired_by"
    }
    data["owner"] = initiative.owner_id
    for name in ("partners", "themes", "domains", "inspired_by_cases", "inspired_by"):
        data[name] = list(getattr(initiative, name).values_list("pk", flat=True))
    return data


@login_required
def initiative_edit(request, slug: str):
    initiative = visible_initiative(request, slug)
    allowed, reason = permissions.can_edit_initiative(request.user, initiative)
    if not allowed:
        return forbidden(request, reason)
    form, status = _form(request, initiative, initial=_initial(initiative)), 200
    if request.method == "POST":
        done, status = submit(
            request,
            form,
            lambda f: services.initiative_update(
                initiative=initiative,
                actor=request.user,
                expected_version=f.cleaned_data.get("version"),
                **f.service_data(),
            ),
            _detail_url,
            _("The initiative has been saved."),
        )
        if done:
            return done
    context = {"form": form, "initiative": initiative}
    return render(request, "portfolio/form.html", context, status=status)
