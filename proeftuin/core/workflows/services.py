"""Writes: one service performs a move (checked, locked, recorded, audited, listeners told);
organisations get an editable copy of the default pipeline."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.audit import audit_record
from proeftuin.core.errors import ConflictError, NotAllowed, ValidationFailed
from proeftuin.core.generation import content_changed
from proeftuin.core.models import AuditEntry
from proeftuin.core.workflows.choices import Decision, StageCategory
from proeftuin.core.workflows.models import GateQuestion, Move, Stage, Transition, Workflow
from proeftuin.core.workflows.registry import listeners_for, workflow_kinds
from proeftuin.core.workflows.selectors import actor_roles, parked_from
from proeftuin.core.workflows.validation import who_may

# where each gate decision may lead (adjust: the same stage)
DECISION_TARGETS = {
    Decision.GO: (StageCategory.OPEN, StageCategory.CLOSED_SUCCESS),
    Decision.NO_GO: (StageCategory.CLOSED_STOPPED,),
    Decision.PARK: (StageCategory.PARKED,),
}
NEEDS_REASON = (StageCategory.CLOSED_STOPPED, StageCategory.PARKED)


def workflow_move(
    *,
    actor,
    subject,
    to_stage,
    decision: str = "",
    reason: str = "",
    answers: dict | None = None,
    evidence: str = "",
    expected_version: int | None = None,
) -> Move:
    """Move ``subject`` to ``to_stage`` (a Stage or its key) as the transition table allows.
    ``expected_version``: the ``stage_version`` the actor saw (default: the one ``subject``
    was loaded with); a move by someone else since then is a ConflictError."""
    expected = subject.stage_version if expected_version is None else expected_version
    with transaction.atomic():
        locked = type(subject)._default_manager.select_for_update().get(pk=subject.pk)
        _check_version(locked, expected)
        target = _target(locked, to_stage)
        gate = _transition(locked, target, actor, decision)
        _check_decision(locked, target, decision, gate)
        answers = _checked_answers(locked, target, gate, reason, answers or {})
        move = _record(locked, target, actor, decision, reason, answers, evidence)
        for name in ("stage", "stage_id", "stage_entered_at", "stage_version"):
            setattr(subject, name, getattr(locked, name))
        for listener in listeners_for(locked.workflow.kind):
            listener.notify(move, locked)
    return move


def _check_version(locked, expected: int) -> None:
    if locked.stage_version != expected:
        raise ConflictError(
            _(
                "Someone else has moved “%(subject)s” in the meantime; it is now in the stage "
                "“%(stage)s”. Reload the page and check whether your move is still needed."
            )
            % {"subject": locked, "stage": locked.stage.label()}
        )


def _target(locked, to_stage) -> Stage:
    key = getattr(to_stage, "key", to_stage)
    stage = Stage.objects.filter(workflow_id=locked.workflow_id, key=key).first()
    if stage is None or getattr(to_stage, "pk", stage.pk) != stage.pk:
        raise NotAllowed(_("The stage “%(stage)s” is not part of this pipeline.") % {"stage": key})
    return stage


def _transition(locked, target: Stage, actor, decision: str) -> Transition:
    rows = list(
        Transition.objects.filter(
            workflow_id=locked.workflow_id, from_stage_id=locked.stage_id, to_stage=target
        )
    )
    back = parked_from(locked)
    if not rows or (back is not None and back != target):
        raise NotAllowed(
            _("A move from “%(from)s” to “%(to)s” is not allowed in this pipeline.")
            % {"from": locked.stage.label(), "to": target.label()}
        )
    fitting = [t for t in rows if t.is_gate == bool(decision)]
    if not fitting:
        raise ValidationFailed(
            _("This move needs a gate decision (go, no-go, adjust or park).")
            if decision == ""
            else _("This move is not a gate: it takes no decision.")
        )
    transition = fitting[0]
    if not actor_roles(locked, actor) & set(transition.actors):
        raise NotAllowed(
            _("Only %(who)s may make this move.") % {"who": who_may(transition.actors)}
        )
    return transition


def _check_decision(locked, target: Stage, decision: str, gate: Transition) -> None:
    if not gate.is_gate:
        return
    if decision not in Decision.values:
        raise ValidationFailed(_("Choose a decision: go, no-go, adjust or park."))
    fits = (
        target.pk == locked.stage_id
        if decision == Decision.ADJUST
        else target.pk != locked.stage_id and target.category in DECISION_TARGETS[decision]
    )
    if not fits:
        raise ValidationFailed(
            _("The decision “%(decision)s” does not lead to the stage “%(stage)s”.")
            % {"decision": Decision(decision).label, "stage": target.label()}
        )


def _checked_answers(locked, target: Stage, gate: Transition, reason: str, answers: dict):
    """Required fields of the target, the reason and the gate's answers; all at once."""
    errors: dict[str, list[str]] = {}
    for field, message in locked.workflow_missing(target.required_fields):
        errors.setdefault(field, []).append(message)
    if not reason.strip() and (gate.is_gate or target.category in NEEDS_REASON):
        errors["reason"] = [_("Say why.")]
    clean = {}
    if gate.is_gate:
        questions = {str(q.pk): q for q in GateQuestion.objects.filter(stage_id=locked.stage_id)}
        for key, text in answers.items():
            if str(key) not in questions:
                errors.setdefault("answers", []).append(_("Unknown gate question: %s") % key)
            elif str(text or "").strip():
                clean[str(key)] = str(text).strip()
        for key, question in questions.items():
            if question.required and key not in clean:
                errors[f"answers.{key}"] = [
                    _("Answer the gate question: %(q)s") % {"q": question.label()}
                ]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return clean


def _record(locked, target: Stage, actor, decision, reason, answers, evidence) -> Move:
    source, version = locked.stage, locked.stage_version
    now = timezone.now()
    if target.pk != source.pk:
        locked.stage, locked.stage_entered_at = target, now
    locked.stage_version = version + 1
    locked.save(update_fields=["stage", "stage_entered_at", "stage_version"])
    subject_type = ContentType.objects.get_for_model(locked)
    move = Move.between(
        subject_type,
        locked.pk,
        source,
        target,
        actor,
        now,
        decision=decision,
        reason=reason.strip(),
        answers=answers,
        evidence=evidence.strip(),
    )
    move.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        before={"stage": source.key, "stage_version": version, "decision": "", "reason": ""},
        after={
            "stage": target.key,
            "stage_version": version + 1,
            "decision": decision,
            "reason": move.reason,
        },
    )
    return move


def workflow_snapshot(workflow: Workflow) -> dict:
    """The whole pipeline as plain data, for the audit trail of its edits."""
    stages = list(workflow.stages.prefetch_related("gate_questions"))
    return {
        "name": workflow.name,
        "stages": [
            {
                "key": s.key,
                "name": s.name,
                "name_en": s.name_en,
                "order": s.order,
                "category": s.category,
                "required_fields": s.required_fields,
                "evaluation_due_days": s.evaluation_due_days,
                "is_initial": s.is_initial,
                "gate_questions": [
                    [q.text, q.text_en, q.required, q.order] for q in s.gate_questions.all()
                ],
            }
            for s in stages
        ],
        "transitions": sorted(
            [t.from_stage.key, t.to_stage.key, t.actors, t.is_gate, t.label]
            for t in workflow.transitions.select_related("from_stage", "to_stage")
        ),
    }


def _may_configure(actor, organisation) -> bool:
    from proeftuin.accounts.service import Role, is_platform_admin, role_in

    if is_platform_admin(actor):
        return True
    role = role_in(actor, organisation.pk) if getattr(actor, "is_authenticated", False) else None
    return role is not None and role >= Role.ORGANISATION_ADMIN


def workflow_copy_default(kind: str, organisation, actor) -> Workflow:
    """The organisation's editable copy of the default ``kind`` workflow (made once, with its
    stages, gate questions and transitions). The organisation's records of that kind move onto
    the copy, each into the stage with the same key."""
    if not _may_configure(actor, organisation):
        raise NotAllowed(_("Only an administrator of the organisation may set up its pipeline."))
    with transaction.atomic():
        # the lock on the default makes a second, simultaneous copy wait and then find this one
        default = Workflow.objects.select_for_update().get(kind=kind, owner__isnull=True)
        existing = Workflow.objects.filter(kind=kind, owner=organisation).first()
        if existing:
            return existing
        copy = Workflow.objects.create(
            kind=kind, owner=organisation, name=f"{default.name} – {organisation}", based_on=default
        )
        stages = _copy_stages(default, copy)
        _repoint_subjects(kind, organisation, default, stages)
        content_changed("workflows")
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=copy,
            after=workflow_snapshot(copy),
        )
    return copy


def _copy_stages(default: Workflow, copy: Workflow) -> dict[int, Stage]:
    stages: dict[int, Stage] = {}
    for stage in default.stages.prefetch_related("gate_questions"):
        questions = list(stage.gate_questions.all())
        old_pk = stage.pk
        stage.pk, stage.workflow = None, copy
        stage.save()
        stages[old_pk] = stage
        GateQuestion.objects.bulk_create(
            GateQuestion(
                stage=stage, text=q.text, text_en=q.text_en, required=q.required, order=q.order
            )
            for q in questions
        )
    Transition.objects.bulk_create(
        Transition(
            workflow=copy,
            from_stage=stages[t.from_stage_id],
            to_stage=stages[t.to_stage_id],
            actors=t.actors,
            is_gate=t.is_gate,
            label=t.label,
        )
        for t in default.transitions.all()
    )
    return stages


def _repoint_subjects(kind, organisation, default, stages: dict[int, Stage]) -> None:
    if kind not in workflow_kinds:
        return
    records = workflow_kinds[kind]._default_manager.filter(owner=organisation, workflow=default)
    for old_pk, stage in stages.items():
        records.filter(stage_id=old_pk).update(
            workflow=stage.workflow, stage=stage, stage_version=F("stage_version") + 1
        )
