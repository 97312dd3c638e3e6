"""What an initiative still lacks: the check a workflow gate asks before a move
(``Initiative.workflow_missing``). Each field has its own Dutch message."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from proeftuin.portfolio.choices import TeamRole


def _text(name):
    return lambda initiative: bool((getattr(initiative, name) or "").strip())


def _value(name):
    return lambda initiative: getattr(initiative, name) not in (None, "", [])


def _related(name):
    return lambda initiative: getattr(initiative, name).exists()


def _role(role):
    return lambda initiative: initiative.team.filter(role=role).exists()


CHECKS = {
    "problem": (_text("problem"), lambda: _("Describe the societal problem.")),
    "affected": (_text("affected"), lambda: _("Describe who suffers from the problem.")),
    "chain": (_text("chain"), lambda: _("Describe the process or chain involved.")),
    "intended_result": (_text("intended_result"), lambda: _("Describe the intended result.")),
    "kind": (_value("kind"), lambda: _("Choose the kind of innovation.")),
    "facets": (_value("facets"), lambda: _("Choose at least one OECD facet.")),
    "themes": (_related("themes"), lambda: _("Choose at least one theme.")),
    "domains": (_related("domains"), lambda: _("Choose at least one domain.")),
    "partners": (_related("partners"), lambda: _("Name at least one chain partner.")),
    "evaluation_date": (_value("evaluation_date"), lambda: _("Set an evaluation date.")),
    "reflection_interval_days": (
        _value("reflection_interval_days"),
        lambda: _("Set a reflection interval."),
    ),
    "lessons": (_text("lessons"), lambda: _("Write down the lessons learned.")),
    "owner": (_role(TeamRole.OWNER), lambda: _("Name the owner of the initiative.")),
    "sponsor": (_role(TeamRole.SPONSOR), lambda: _("Name the sponsor (accountable executive).")),
    "learning_questions": (
        _related("learning_questions"),
        lambda: _("Add at least one learning question."),
    ),
    "reflections": (_related("reflections"), lambda: _("Record at least one reflection.")),
    "kpis": (_related("kpis"), lambda: _("Add at least one KPI.")),
    "budget": (_related("budget"), lambda: _("Add at least one budget line.")),
    "hours": (_related("hours"), lambda: _("Record the hours made free.")),
}


def missing_fields(initiative, fields) -> list[tuple[str, str]]:
    """``(field, message)`` for each of ``fields`` that is empty; an unknown field name is
    reported as missing, so a gate that names one never passes silently."""
    missing = []
    for name in fields:
        check = CHECKS.get(name)
        if check is None:
            missing.append((name, _("Unknown field “%s”.") % name))
        elif not check[0](initiative):
            missing.append((name, str(check[1]())))
    return missing


def _label(model, name: str) -> str:
    if name in TeamRole.values:  # a role in the team, not the owning organisation
        return str(TeamRole(name).label)
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)  # a reverse relation


def field_choices(model) -> dict[str, str]:
    """``{field: label}`` a stage may require: the fields checked here."""
    return {name: _label(model, name) for name in CHECKS}
