"""Writes that edit an organisation's own pipeline without code: stages (add, change, reorder,
remove, optionally moving the records in it), the questions of each gate and the transition
table. Every edit is one transaction on the locked workflow: permission, ``Workflow.version``
(two administrators at once: ConflictError), the change, then the whole pipeline is checked
(``pipeline_errors``); the version goes up and the pipeline before and after is audited. If
anything is refused, nothing is saved."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.core.audit import audit_record
from proeftuin.core.errors import ConflictError, NotAllowed, ValidationFailed
from proeftuin.core.generation import content_changed
from proeftuin.core.models import AuditEntry
from proeftuin.core.workflows.choices import ROLE_LABELS, StageCategory
from proeftuin.core.workflows.models import GateQuestion, Move, Stage, Transition, Workflow
from proeftuin.core.workflows.registry import workflow_kinds
from proeftuin.core.workflows.services import _may_configure, workflow_snapshot
from proeftuin.core.workflows.validation import (
    actors_errors,
    pipeline_errors,
    stage_removal_error,
    transition_errors,
)


def _subject_model(kind: str):
    return workflow_kinds.get(kind)


def workflow_fields(kind: str) -> dict[str, str] | None:
    """``{field: label}`` a stage of ``kind`` may require; ``None``: no subject registered."""
    model = _subject_model(kind)
    return model.workflow_field_choices() if model is not None else None


def may_edit_pipeline(user, organisation) -> bool:
    return _may_configure(user, organisation)


@contextmanager
def _editing(actor, workflow: Workflow, expected_version: int):
    """The locked workflow to change; checks and audits the whole pipeline afterwards."""
    if workflow.is_default:
        raise NotAllowed(_("The platform default pipeline is not edited here."))
    if not _may_configure(actor, workflow.owner):
        raise NotAllowed(_("Only an administrator of the organisation may change its pipeline."))
    with transaction.atomic():
        locked = Workflow.objects.select_for_update().get(pk=workflow.pk)
        if locked.version != expected_version:
            raise ConflictError(
                _(
                    "Someone else has changed this pipeline in the meantime. Reload the page, "
                    "check their changes and make yours again."
                )
            )
        before = workflow_snapshot(locked)
        yield locked
        if errors := pipeline_errors(locked, workflow_fields(locked.kind)):
            raise ValidationFailed(field_errors={"__all__": errors})
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        content_changed("workflows")
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=locked,
            before=before,
            after=workflow_snapshot(locked),
        )
    workflow.version = locked.version


def _own_stage(workflow: Workflow, stage) -> Stage:
    key = getattr(stage, "key", stage)
    found = Stage.objects.filter(workflow_id=workflow.pk, key=key).first()
    if found is None:
        raise ValidationFailed(
            _("The stage “%(stage)s” is not part of this pipeline.") % {"stage": key}
        )
    return found


def _stage_fields(workflow: Workflow, data: dict) -> dict:
    """The checked editable values of a stage (name, category, required fields, ...)."""
    errors: dict[str, list[str]] = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = [_("Give the stage a name.")]
    if data.get("category") not in StageCategory.values:
        errors["category"] = [_("Choose a category.")]
    required = list(dict.fromkeys(data.get("required_fields") or []))
    allowed = workflow_fields(workflow.kind)
    unknown = [f for f in required if allowed is not None and f not in allowed]
    if unknown:
        errors["required_fields"] = [
            _("These fields cannot be required: %(fields)s") % {"fields": ", ".join(unknown)}
        ]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return {
        "name": name,
        "name_en": (data.get("name_en") or "").strip(),
        "category": data["category"],
        "required_fields": required,
        "evaluation_due_days": data.get("evaluation_due_days"),
        "is_initial": bool(data.get("is_initial")),
    }


def _only_initial(workflow: Workflow, stage: Stage) -> None:
    if stage.is_initial:
        workflow.stages.exclude(pk=stage.pk).update(is_initial=False)


def stage_add(
    *,
    actor,
    workflow: Workflow,
    expected_version: int,
    key: str,
    from_stage=None,
    actors: list[str] | None = None,
    **data,
) -> Stage:
    """A new stage at the end of the order, reached from ``from_stage`` by ``actors`` (an
    open stage must be reachable); ``data``: name, name_en, category, required_fields,
    evaluation_due_days, is_initial."""
    with _editing(actor, workflow, expected_version) as locked:
        key = (key or "").strip()
        fields = _stage_fields(locked, data)
        if not key:
            raise ValidationFailed(field_errors={"key": [_("Give the stage a key.")]})
        if locked.stages.filter(key=key).exists():
            raise ValidationFailed(
                field_errors={"key": [_("This pipeline already has a stage with this key.")]}
            )
        last = locked.stages.aggregate(last=Max("order"))["last"]
        stage = Stage.objects.create(
            workflow=locked, key=key, order=0 if last is None else last + 1, **fields
        )
        _only_initial(locked, stage)
        if from_stage:
            _new_transition(locked, from_stage, stage, actors or [], False, "")
    return stage


def stage_update(*, actor, workflow: Workflow, expected_version: int, stage, **data) -> Stage:
    """Change a stage's names, category, required fields, evaluation term or initial mark."""
    with _editing(actor, workflow, expected_version) as locked:
        row = _own_stage(locked, stage)
        for name, value in _stage_fields(locked, data).items():
            setattr(row, name, value)
        row.save()
        _only_initial(locked, row)
    return row


def stages_reorder(*, actor, workflow: Workflow, expected_version: int, keys: list[str]) -> None:
    """Put the stages in the order of ``keys`` (every stage's key, once)."""
    with _editing(actor, workflow, expected_version) as locked:
        stages = {s.key: s for s in locked.stages.all()}
        if sorted(keys) != sorted(stages):
            raise ValidationFailed(_("Name every stage of the pipeline once."))
        for order, key in enumerate(keys):
            stages[key].order = order
        Stage.objects.bulk_update(stages.values(), ["order"])


def stage_remove(
    *, actor, workflow: Workflow, expected_version: int, stage, move_to=None, reason: str = ""
) -> int:
    """Remove a stage with its gate questions and transitions. Records still in it are
    refused (with their number) unless ``move_to`` names another stage: then they move
    there first, each with a recorded move. Returns how many records moved."""
    with _editing(actor, workflow, expected_version) as locked:
        row = _own_stage(locked, stage)
        target = _own_stage(locked, move_to) if move_to else None
        if target is not None and target.pk == row.pk:
            raise ValidationFailed(
                field_errors={"move_to": [_("Choose another stage to move the records to.")]}
            )
        moved = _move_records(locked, row, target, actor, reason) if target else 0
        if message := _still_in(locked, row):
            raise ValidationFailed(field_errors={"move_to": [message]})
        try:
            row.delete()
        except ProtectedError as exc:  # records of a kind the registry does not name
            raise ValidationFailed(stage_removal_error(row) or str(exc)) from exc
    return moved


def _still_in(workflow: Workflow, stage: Stage) -> str | None:
    model = _subject_model(workflow.kind)
    if model is None:
        return stage_removal_error(stage)
    count = model._default_manager.filter(stage=stage).count()
    if not count:
        return None
    message = ngettext(
        "%(count)d record is still in the stage “%(stage)s”. Choose a stage to move it to, "
        "or move it yourself first.",
        "%(count)d records are still in the stage “%(stage)s”. Choose a stage to move them "
        "to, or move them yourself first.",
        count,
    )
    return message % {"count": count, "stage": stage.name}


def _move_records(workflow, stage: Stage, target: Stage, actor, reason: str) -> int:
    """Move every record in ``stage`` to ``target``, recording each move."""
    model = _subject_model(workflow.kind)
    if model is None:
        return 0
    records = model._default_manager.select_for_update().filter(stage=stage)
    ids = list(records.values_list("pk", flat=True))
    now = timezone.now()
    why = reason.strip() or _("The stage “%(stage)s” was removed from the pipeline.") % {
        "stage": stage.name
    }
    content_type = ContentType.objects.get_for_model(model)
    Move.objects.bulk_create(
        Move.between(content_type, pk, stage, target, actor, now, reason=why) for pk in ids
    )
    model._default_manager.filter(pk__in=ids).update(
        stage=target, stage_entered_at=now, stage_version=F("stage_version") + 1
    )
    return len(ids)


def _question_fields(data: dict) -> dict:
    text = (data.get("text") or "").strip()
    if not text:
        raise ValidationFailed(field_errors={"text": [_("Write the question.")]})
    return {
        "text": text,
        "text_en": (data.get("text_en") or "").strip(),
        "required": bool(data.get("required")),
    }


def _own_question(workflow: Workflow, question) -> GateQuestion:
    pk = getattr(question, "pk", question)
    found = GateQuestion.objects.filter(stage__workflow_id=workflow.pk, pk=pk).first()
    if found is None:
        raise ValidationFailed(_("This gate question is not part of this pipeline."))
    return found


def gate_question_add(
    *, actor, workflow: Workflow, expected_version: int, stage, **data
) -> GateQuestion:
    """A question (text, text_en, required) at the end of the gate that ends ``stage``."""
    with _editing(actor, workflow, expected_version) as locked:
        row = _own_stage(locked, stage)
        last = row.gate_questions.aggregate(last=Max("order"))["last"]
        question = GateQuestion.objects.create(
            stage=row, order=0 if last is None else last + 1, **_question_fields(data)
        )
    return question


def gate_question_update(
    *, actor, workflow: Workflow, expected_version: int, question, **data
) -> GateQuestion:
    with _editing(actor, workflow, expected_version) as locked:
        row = _own_question(locked, question)
        for name, value in _question_fields(data).items():
            setattr(row, name, value)
        row.save()
    return row


def gate_question_remove(*, actor, workflow: Workflow, expected_version: int, question) -> None:
    with _editing(actor, workflow, expected_version) as locked:
        _own_question(locked, question).delete()


def gate_question_shift(
    *, actor, workflow: Workflow, expected_version: int, question, step: int
) -> None:
    """Move a question one place up (``step`` -1) or down (+1) in its gate."""
    with _editing(actor, workflow, expected_version) as locked:
        row = _own_question(locked, question)
        questions = list(row.stage.gate_questions.all())
        index = [q.pk for q in questions].index(row.pk)
        other = index + step
        if 0 <= other < len(questions):
            questions[index], questions[other] = questions[other], questions[index]
        for order, item in enumerate(questions):
            item.order = order
        GateQuestion.objects.bulk_update(questions, ["order"])


def transition_add(
    *,
    actor,
    workflow: Workflow,
    expected_version: int,
    from_stage,
    to_stage,
    actors: list[str],
    is_gate: bool = False,
    label: str = "",
) -> Transition:
    """One more allowed move, and who may make it (roles of ``ROLE_LABELS``)."""
    with _editing(actor, workflow, expected_version) as locked:
        return _new_transition(locked, from_stage, to_stage, actors, is_gate, label)


def _new_transition(locked, from_stage, to_stage, actors, is_gate, label) -> Transition:
    row = Transition(
        workflow=locked,
        from_stage=_own_stage(locked, from_stage),
        to_stage=_own_stage(locked, to_stage),
        actors=list(dict.fromkeys(actors or [])),
        is_gate=bool(is_gate),
        label=(label or "").strip(),
    )
    errors = transition_errors(row)
    unknown = [a for a in row.actors if a not in ROLE_LABELS]
    if unknown and not actors_errors(row.actors):
        errors["actors"] = [_("Unknown roles: %(roles)s") % {"roles": ", ".join(unknown)}]
    duplicate = Transition.objects.filter(
        from_stage=row.from_stage, to_stage=row.to_stage, is_gate=row.is_gate
    )
    if duplicate.exists():
        errors.setdefault("to_stage", []).append(_("This move is already in the table."))
    if errors:
        raise ValidationFailed(field_errors=errors)
    row.save()
    return row


def transition_remove(*, actor, workflow: Workflow, expected_version: int, transition) -> None:
    with _editing(actor, workflow, expected_version) as locked:
        pk = getattr(transition, "pk", transition)
        found = Transition.objects.filter(workflow_id=locked.pk, pk=pk).first()
        if found is None:
            raise ValidationFailed(_("This move is not part of this pipeline."))
        found.delete()
