"""Checks on pipelines (shared by the admin and the services) and on subjects' fields."""

from __future__ import annotations

import re

from django.core.exceptions import FieldDoesNotExist
from django.db import router
from django.db.models import Model
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.core.workflows.choices import ROLE_LABELS

ROLE_NAME = re.compile(r"^[a-z][a-z_]*$")


def actors_errors(actors) -> list[str]:
    if not isinstance(actors, list) or not actors:
        return [_('Name at least one role that may make this move, e.g. ["editor"].')]
    bad = [a for a in actors if not isinstance(a, str) or not ROLE_NAME.match(a)]
    if bad:
        return [
            _("Role names are lower-case words, e.g. editor, owner or gatekeeper: %(bad)s")
            % {"bad": ", ".join(map(str, bad))}
        ]
    return []


def transition_errors(transition) -> dict[str, list[str]]:
    """Field errors of one transition: both stages in its workflow, and a valid actor list."""
    errors: dict[str, list[str]] = {}
    for name in ("from_stage", "to_stage"):
        stage = getattr(transition, name, None) if getattr(transition, f"{name}_id") else None
        if stage is not None and stage.workflow_id != transition.workflow_id:
            errors[name] = [_("Choose a stage of this workflow.")]
    same = transition.from_stage_id and transition.from_stage_id == transition.to_stage_id
    if same and not transition.is_gate:
        errors.setdefault("to_stage", []).append(
            _("Only a gate can keep a record in the same stage (the decision “adjust”).")
        )
    if messages := actors_errors(transition.actors):
        errors["actors"] = messages
    return errors


def initial_stage_errors(stages) -> list[str]:
    """A workflow needs exactly one initial stage (``stages``: the ones that remain)."""
    count = sum(1 for stage in stages if stage.is_initial)
    if count != 1:
        message = _("Mark exactly one stage as the initial stage (now: %(count)d).")
        return [message % {"count": count}]
    return []


def stage_removal_error(stage) -> str | None:
    """Why ``stage`` cannot be removed (records still sit in it), or ``None``."""
    if stage.pk is None:
        return None
    collector = Collector(using=router.db_for_write(type(stage)))
    try:
        collector.collect([stage])
    except (ProtectedError, RestrictedError) as error:
        blocking = getattr(error, "protected_objects", None) or error.restricted_objects
        count = len(blocking)
        message = ngettext(
            "The stage “%(stage)s” cannot be removed: %(count)d record is still in it. "
            "Move it to another stage first.",
            "The stage “%(stage)s” cannot be removed: %(count)d records are still in it. "
            "Move them to another stage first.",
            count,
        )
        return message % {"stage": stage.name, "count": count}
    return None


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def who_may(actors) -> str:
    """The actor list as Dutch words: 'de eigenaar of redacteuren van de organisatie'."""
    labels = [role_label(a) for a in actors]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


NOT_REQUIRABLE = {"id", "uuid", "created_at", "updated_at", "owner", "workflow", "stage"}
NOT_REQUIRABLE |= {"stage_entered_at", "stage_version", "version"}


def editable_fields(model) -> dict[str, str]:
    """``{name: label}`` of the model's editable fields a stage could require."""
    return {
        field.name: str(field.verbose_name)
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and getattr(field, "concrete", False)
        and field.name not in NOT_REQUIRABLE
    }


def _is_empty(value) -> bool:
    if hasattr(value, "exists") and callable(value.exists):  # a related manager
        return not value.exists()
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {} or value is False


def missing_fields(subject: Model, fields) -> list[tuple[str, str]]:
    """The default ``workflow_missing``: each field that is absent or empty, with a message
    that names it as the form does."""
    missing = []
    for field in fields:
        try:
            label = str(subject._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:  # not a model field (a property?): named as it is
            label = field
        if _is_empty(getattr(subject, field, None)):
            missing.append((field, _("Fill in “%(field)s” first.") % {"field": label}))
    return missing


STOP_FIELD = "lessons"  # a stop needs lessons, on every pipeline whose subjects have them


def pipeline_errors(workflow, allowed: dict[str, str] | None) -> list[str]:
    """What is wrong with a whole pipeline after an edit: exactly one initial stage, every
    stopped stage requires the lessons (when the subject has them), every open stage can be
    reached from the initial one."""
    from proeftuin.core.workflows.choices import StageCategory

    stages = list(workflow.stages.all())
    errors = initial_stage_errors(stages)
    for stage in stages:
        needs_lessons = allowed is None or STOP_FIELD in allowed
        stopped = stage.category == StageCategory.CLOSED_STOPPED
        if stopped and needs_lessons and STOP_FIELD not in stage.required_fields:
            errors.append(
                _("The stopped stage “%(stage)s” must keep requiring the lessons learned.")
                % {"stage": stage.name}
            )
    errors += unreachable_errors(workflow, stages)
    return errors


def unreachable_errors(workflow, stages) -> list[str]:
    from proeftuin.core.workflows.choices import StageCategory

    edges: dict[int, set[int]] = {}
    for from_id, to_id in workflow.transitions.values_list("from_stage_id", "to_stage_id"):
        edges.setdefault(from_id, set()).add(to_id)
    seen = {s.pk for s in stages if s.is_initial}
    todo = list(seen)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return [
        _("No move leads to the open stage “%(stage)s” from the initial stage.")
        % {"stage": stage.name}
        for stage in stages
        if stage.category == StageCategory.OPEN and seen and stage.pk not in seen
    ]
