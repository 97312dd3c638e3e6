"""Writes to the parts of an initiative: learning questions, reflections, KPIs and their
measurements, budget lines and hours made free. Atomic, permission-checked (whoever may
edit the initiative), audited, and protected against concurrent edits of the same part."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from proeftuin.core.service import AuditEntry, ValidationFailed, audit_record
from proeftuin.portfolio import permissions
from proeftuin.portfolio.choices import KpiDirection, KpiUnit
from proeftuin.portfolio.models import (
    BudgetLine,
    HoursAllocation,
    Initiative,
    Kpi,
    LearningQuestion,
    Measurement,
    Reflection,
)
from proeftuin.portfolio.searchable import initiative_changed
from proeftuin.portfolio.services import check, check_fresh, refresh_reflection_due, refuse
from proeftuin.portfolio.snapshot import part_snapshot


def _initiative_of(part) -> Initiative:
    return part.kpi.initiative if isinstance(part, Measurement) else part.initiative


def _save(*, actor, part, values: dict, expected_updated_at=None, validate=None):
    """Create or change ``part`` (its initiative or KPI already set) with ``values``."""
    initiative = Initiative.objects.get(pk=_initiative_of(part).pk)
    check(permissions.can_edit_initiative(actor, initiative))
    is_new = part.pk is None
    before = None
    if not is_new:
        part = type(part).objects.get(pk=part.pk)
        check_fresh(part, expected_updated_at)
        before = part_snapshot(part)
    questions = values.pop("questions", None)
    for name, value in values.items():
        setattr(part, name, value.strip() if isinstance(value, str) else value)
    if validate is not None:
        validate(part)
    part.save()
    if questions is not None:
        part.questions.set(questions)
    action = AuditEntry.Action.CREATE if is_new else AuditEntry.Action.UPDATE
    audit_record(actor=actor, action=action, obj=part, before=before, after=part_snapshot(part))
    initiative_changed(initiative.pk)
    return part


@transaction.atomic
def initiative_part_delete(*, actor, part) -> None:
    """Remove a learning question, reflection, KPI, measurement, budget line or hours."""
    initiative = Initiative.objects.get(pk=_initiative_of(part).pk)
    check(permissions.can_edit_initiative(actor, initiative))
    before = part_snapshot(part)
    part.delete()
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=part, before=before)
    if isinstance(part, Reflection):
        refresh_reflection_due(initiative)
    initiative_changed(initiative.pk)


def _required_text(field: str):
    def validate(part):
        if not (getattr(part, field) or "").strip():
            refuse(field, _("This field is required."))

    return validate


@transaction.atomic
def learning_question_save(
    *, actor, initiative=None, question=None, text: str, order=None, expected_updated_at=None
) -> LearningQuestion:
    """Add a question to ``initiative``'s learning agenda (at the end), or change one."""
    if question is None:
        question = LearningQuestion(initiative=initiative)
        if order is None:
            last = initiative.learning_questions.aggregate(last=Max("order"))["last"]
            order = 0 if last is None else last + 1
    values = {"text": text} if order is None else {"text": text, "order": order}
    return _save(
        actor=actor,
        part=question,
        values=values,
        expected_updated_at=expected_updated_at,
        validate=_required_text("text"),
    )


@transaction.atomic
def reflection_save(
    *, actor, initiative=None, reflection=None, expected_updated_at=None, **values
) -> Reflection:
    """Record a reflection (``date``, the answers to the prompts, ``questions``: the
    learning questions it answers), or change one. Moves the next reflection's due date."""
    if reflection is None:
        reflection = Reflection(initiative=initiative, author=actor)
    owner = reflection.initiative
    questions = values.get("questions")
    if questions is not None and any(q.initiative_id != owner.pk for q in questions):
        refuse("questions", _("Choose learning questions of this initiative."))
    if not values.get("date", reflection.date):
        refuse("date", _("This field is required."))
    saved = _save(
        actor=actor, part=reflection, values=values, expected_updated_at=expected_updated_at
    )
    refresh_reflection_due(Initiative.objects.get(pk=owner.pk))
    return saved


def _validate_kpi(kpi: Kpi) -> None:
    if not kpi.measure.strip():
        refuse("measure", _("This field is required."))
    if kpi.unit not in KpiUnit.values:
        refuse("unit", _("Choose a unit."))
    if kpi.direction not in KpiDirection.values:
        refuse("direction", _("Choose whether higher or lower is better."))
    if kpi.pk and kpi.measurements.exists():
        stored = Kpi.objects.values_list("unit", flat=True).get(pk=kpi.pk)
        if stored != kpi.unit:
            refuse("unit", _("The unit cannot change once there are measurements."))


@transaction.atomic
def kpi_save(*, actor, initiative=None, kpi=None, expected_updated_at=None, **values) -> Kpi:
    """Add a KPI (``measure``, ``unit``, ``baseline``, ``target``, ``direction``) or
    change one."""
    if kpi is None:
        last = initiative.kpis.aggregate(last=Max("order"))["last"]
        kpi = Kpi(initiative=initiative, order=0 if last is None else last + 1)
    return _save(
        actor=actor,
        part=kpi,
        values=values,
        expected_updated_at=expected_updated_at,
        validate=_validate_kpi,
    )


def unit_mismatch_message(kpi: Kpi) -> str:
    return _("This KPI is measured in %(unit)s.") % {"unit": kpi.get_unit_display()}


@transaction.atomic
def measurement_save(
    *,
    actor,
    kpi=None,
    measurement=None,
    date,
    value: Decimal,
    unit: str,
    source: str = "",
    expected_updated_at=None,
) -> Measurement:
    """Record a measurement of ``kpi``. ``unit`` is the unit the value was entered in: one
    other than the KPI's is refused."""
    if measurement is None:
        measurement = Measurement(kpi=kpi)
    kpi = measurement.kpi
    if unit != kpi.unit:
        refuse("unit", unit_mismatch_message(kpi))
    if date is None:
        refuse("date", _("This field is required."))
    if value is None:
        refuse("value", _("This field is required."))
    values = {"date": date, "value": value, "source": source}
    return _save(
        actor=actor, part=measurement, values=values, expected_updated_at=expected_updated_at
    )


def overspend_message() -> str:
    return _(
        "Spent is higher than planned. Confirm that this is right and give a reason, "
        "or correct the amounts."
    )


def _validate_budget(confirm: bool):
    def validate(line: BudgetLine) -> None:
        errors = {}
        if not line.funding_source.strip():
            errors["funding_source"] = [_("This field is required.")]
        for name in ("planned", "committed", "spent"):
            if getattr(line, name) is None or getattr(line, name) < 0:
                errors[name] = [_("Enter an amount of 0 or more.")]
        if errors:
            raise ValidationFailed(field_errors=errors)
        if line.spent > line.planned:
            if not (confirm and line.overspend_reason.strip()):
                refuse("spent", overspend_message())
        else:
            line.overspend_reason = ""

    return validate


@transaction.atomic
def budget_line_save(
    *,
    actor,
    initiative=None,
    line=None,
    confirm_overspend: bool = False,
    expected_updated_at=None,
    **values,
) -> BudgetLine:
    """Add or change a budget line (``year``, ``funding_source``, ``planned``,
    ``committed``, ``spent`` in EUR). Spent above planned needs ``confirm_overspend`` and
    an ``overspend_reason``, which is stored."""
    if line is None:
        line = BudgetLine(initiative=initiative)
    values.setdefault("overspend_reason", "")
    return _save(
        actor=actor,
        part=line,
        values=values,
        expected_updated_at=expected_updated_at,
        validate=_validate_budget(confirm_overspend),
    )


def _validate_hours(hours: HoursAllocation) -> None:
    if not hours.role.strip():
        refuse("role", _("This field is required."))
    if hours.hours_per_week is None or not 0 < hours.hours_per_week <= 80:
        refuse("hours_per_week", _("Enter between 0 and 80 hours per week."))
    if hours.end and hours.start and hours.end < hours.start:
        refuse("end", _("The end date cannot be before the start date."))


@transaction.atomic
def hours_save(
    *, actor, initiative=None, hours=None, expected_updated_at=None, **values
) -> HoursAllocation:
    """Add or change hours made free (``role``, ``hours_per_week``, ``start``, ``end``)."""
    if hours is None:
        hours = HoursAllocation(initiative=initiative)
    return _save(
        actor=actor,
        part=hours,
        values=values,
        expected_updated_at=expected_updated_at,
        validate=_validate_hours,
    )
