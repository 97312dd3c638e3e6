"""Pages to add, change and remove the parts of an initiative: team, learning questions,
reflections, KPIs and their measurements, budget lines and hours made free."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from proeftuin.core.service import DomainError
from proeftuin.portfolio import forms, permissions, selectors, services, services_parts
from proeftuin.portfolio.models import (
    BudgetLine,
    HoursAllocation,
    Kpi,
    LearningQuestion,
    Measurement,
    Reflection,
    TeamMember,
)
from proeftuin.portfolio.views import forbidden, submit, visible_initiative


@dataclass(frozen=True)
class Part:
    model: type
    title: str
    form: type
    save: Callable  # (actor, owner, part or None, data, expected) -> part
    anchor: str
    edit_form: type | None = None


def _team_save(actor, initiative, member, data, expected):
    if member is None:
        return services.team_member_add(actor=actor, initiative=initiative, **data)
    return services.team_member_update(
        actor=actor, member=member, role=data["role"], expected_updated_at=expected
    )


def _saver(function, owner_name: str, part_name: str):
    def save(actor, owner, part, data, expected):
        where = {owner_name: owner} if part is None else {part_name: part}
        return function(actor=actor, expected_updated_at=expected, **where, **data)

    return save


PARTS = {
    "team": Part(
        TeamMember,
        gettext_lazy("Team member"),
        forms.TeamMemberForm,
        _team_save,
        "team-h",
        edit_form=forms.TeamRoleForm,
    ),
    "leervragen": Part(
        LearningQuestion,
        gettext_lazy("Learning question"),
        forms.LearningQuestionForm,
        _saver(services_parts.learning_question_save, "initiative", "question"),
        "agenda-h",
    ),
    "reflecties": Part(
        Reflection,
        gettext_lazy("Reflection"),
        forms.ReflectionForm,
        _saver(services_parts.reflection_save, "initiative", "reflection"),
        "reflections-h",
    ),
    "kpis": Part(
        Kpi,
        gettext_lazy("KPI"),
        forms.KpiForm,
        _saver(services_parts.kpi_save, "initiative", "kpi"),
        "kpis-h",
    ),
    "budget": Part(
        BudgetLine,
        gettext_lazy("Budget line"),
        forms.BudgetLineForm,
        _saver(services_parts.budget_line_save, "initiative", "line"),
        "budget-h",
    ),
    "uren": Part(
        HoursAllocation,
        gettext_lazy("Hours made free"),
        forms.HoursForm,
        _saver(services_parts.hours_save, "initiative", "hours"),
        "hours-h",
    ),
}
MEASUREMENT = Part(
    Measurement,
    gettext_lazy("Measurement"),
    forms.MeasurementForm,
    _saver(services_parts.measurement_save, "kpi", "measurement"),
    "kpis-h",
)


def _initial(form_class, part) -> dict:
    if part is None:
        return {}
    names = [n for n in form_class.base_fields if n != "updated_at"]
    data = {n: getattr(part, n) for n in names if hasattr(part, n)}
    if isinstance(part, Reflection):
        data.update({n: getattr(part, n) for n in forms.REFLECTION_PROMPTS_FIELDS})
        data["questions"] = list(part.questions.values_list("pk", flat=True))
    if isinstance(part, Measurement):
        data["unit"] = part.kpi.unit
    if isinstance(part, BudgetLine):
        data["confirm_overspend"] = bool(part.overspend_reason)
    data["updated_at"] = part.updated_at.isoformat()
    return data


def _form_kwargs(spec: Part, initiative, owner, form_class) -> dict:
    kwargs = {"initiative": initiative}
    if form_class is forms.TeamMemberForm:
        kwargs["candidates"] = selectors.team_candidates(initiative)
    if spec is MEASUREMENT:
        kwargs["kpi"] = owner
    return kwargs


def _delete(request, spec: Part, part, initiative):
    try:
        if isinstance(part, TeamMember):
            services.team_member_remove(actor=request.user, member=part)
        else:
            services_parts.initiative_part_delete(actor=request.user, part=part)
    except DomainError as exc:
        return forbidden(request, str(exc.message))
    messages.success(request, _("Removed."))
    return redirect(f"{initiative_url(initiative)}#{spec.anchor}")


def initiative_url(initiative) -> str:
    return reverse("portfolio:detail", args=[initiative.slug])


def _page(request, spec: Part, initiative, owner, part=None):
    """The add or edit page of one part; ``owner``: the initiative, or the KPI of a
    measurement."""
    allowed, reason = permissions.can_edit_initiative(request.user, initiative)
    if not allowed:
        return forbidden(request, reason)
    if part is not None and request.method == "POST" and "delete" in request.POST:
        return _delete(request, spec, part, initiative)
    form_class = spec.edit_form if part is not None and spec.edit_form else spec.form
    form = form_class(
        data=request.POST if request.method == "POST" else None,
        initial=_initial(form_class, part),
        **_form_kwargs(spec, initiative, owner, form_class),
    )
    status = 200
    if request.method == "POST":

        def save(form):
            expected = form.cleaned_data.get("updated_at") or None
            return spec.save(request.user, owner, part, form.service_data(), expected)

        def done(_result):
            return f"{initiative_url(initiative)}#{spec.anchor}"

        response, status = submit(request, form, save, done, _("Saved."))
        if response:
            return response
    context = {"form": form, "spec": spec, "initiative": initiative, "part": part, "owner": owner}
    return render(request, "portfolio/part_form.html", context, status=status)


def _spec(kind: str) -> Part:
    spec = PARTS.get(kind)
    if spec is None:
        raise Http404(_("This page does not exist."))
    return spec


def _part(spec: Part, uuid, **where):
    try:
        return spec.model.objects.get(uuid=uuid, **where)
    except spec.model.DoesNotExist as exc:
        raise Http404(_("This page does not exist.")) from exc


@login_required
@require_http_methods(["GET", "POST"])
def part_add(request, slug: str, kind: str):
    spec = _spec(kind)
    initiative = visible_initiative(request, slug)
    return _page(request, spec, initiative, initiative)


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, slug: str, kind: str, uuid):
    spec = _spec(kind)
    initiative = visible_initiative(request, slug)
    part = _part(spec, uuid, initiative=initiative)
    return _page(request, spec, initiative, initiative, part)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_add(request, slug: str, kpi):
    initiative = visible_initiative(request, slug)
    kpi = _part(PARTS["kpis"], kpi, initiative=initiative)
    return _page(request, MEASUREMENT, initiative, kpi)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request, slug: str, kpi, uuid):
    initiative = visible_initiative(request, slug)
    kpi = _part(PARTS["kpis"], kpi, initiative=initiative)
    measurement = _part(MEASUREMENT, uuid, kpi=kpi)
    return _page(request, MEASUREMENT, initiative, kpi, measurement)
