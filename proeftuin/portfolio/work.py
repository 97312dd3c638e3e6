"""The portfolio's sections of "Mijn werk": reflections due, initiatives one owns, and
decisions to take (gates one keeps, evaluations overdue)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proeftuin.core.service import WorkItem, register_work, work_section
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.reminders import gates_due_soon
from proeftuin.portfolio.selectors import initiatives_owned, reflections_due
from proeftuin.portfolio.stages import decisions_due, evaluation_overdue


def _due_item(initiative: Initiative) -> WorkItem:
    due = date_format(initiative.reflection_due, "j F Y")
    return WorkItem(
        title=initiative.title,
        url=reverse("portfolio:part_add", args=[initiative.slug, "reflecties"]),
        detail=_("%(organisation)s · reflection due %(date)s")
        % {"organisation": initiative.owner.name, "date": due},
    )


def _owned_item(initiative: Initiative) -> WorkItem:
    detail = f"{initiative.owner.name} · {initiative.get_status_display()}"
    url = reverse("portfolio:detail", args=[initiative.slug])
    return WorkItem(title=initiative.title, url=url, detail=detail)


@register_work("portfolio.reflections", order=40)
def reflections_to_hold(user):
    title = _("Reflections due")
    empty = _("No reflection is due in the coming week.")
    return work_section("reflections", title, empty, reflections_due(user), _due_item)


@register_work("portfolio.owned", order=50)
def initiatives_you_own(user):
    title, empty = _("Initiatives you own"), _("You do not own an initiative.")
    more = reverse("portfolio:list")
    return work_section(
        "initiatives", title, empty, initiatives_owned(user), _owned_item, more_url=more
    )


def _decision_item(initiative: Initiative) -> WorkItem:
    detail = f"{initiative.owner.name} · {initiative.stage.label()}"
    if evaluation_overdue(initiative):
        detail += " · " + _("evaluation overdue")
    url = reverse("portfolio:detail", args=[initiative.slug])
    return WorkItem(title=initiative.title, url=url, detail=detail)


@register_work("portfolio.decisions", order=45)
def decisions_to_take(user):
    title, empty = _("Decisions to take"), _("No gate or evaluation is waiting for you.")
    return work_section("decisions", title, empty, decisions_due(user), _decision_item)


def _gate_item(initiative: Initiative) -> WorkItem:
    due = date_format(initiative.evaluation_date, "j F Y")
    detail = _("%(organisation)s · %(stage)s · gate due %(date)s") % {
        "organisation": initiative.owner.name,
        "stage": initiative.stage.label(),
        "date": due,
    }
    url = reverse("portfolio:stage", args=[initiative.slug])
    return WorkItem(title=initiative.title, url=url, detail=detail)


@register_work("portfolio.gates_due", order=42)
def gates_coming_up(user):
    title, empty = _("Gates due"), _("No gate is due in the coming week.")
    return work_section("gates", title, empty, gates_due_soon(user), _gate_item)
