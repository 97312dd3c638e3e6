"""Decisions on applications ready for decision: granted with an amount and conditions, or
rejected with reasons, one at a time or as a batch that is saved all-or-nothing.

Only the programme's managers decide. A grant never exceeds the amount requested, nor
what is left of the round's budget (and of the application's budget category); the round's
row is locked while this is checked, so two grants at once cannot both take the last
euros. Two managers deciding the same application at once: the second gets
``ConflictError`` (the application's row is locked and its version checked). The stage
changes through core's ``workflow_move``; the letter is made and mailed in the background."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.service import (
    AuditEntry,
    DomainError,
    ValidationFailed,
    audit_record,
    format_number,
    parse_decimal,
    workflow_move,
)
from proeftuin.core.service import require as check
from proeftuin.funding import permissions
from proeftuin.funding.choices import DecisionOutcome
from proeftuin.funding.common import changed, locked, snapshot
from proeftuin.funding.models import Application, BudgetCategory, Round
from proeftuin.funding.models_reviews import Review
from proeftuin.funding.searchable import experiment_indexed

DECISION_STAGE = "decision"
DECISION_FIELDS = (
    "outcome",
    "granted_amount",
    "conditions",
    "decision_reason",
    "decided_by",
    "decided_at",
)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DecisionInput:
    """One decision of a batch: ``application`` (an instance), ``outcome`` ("granted" or
    "rejected"), the amount and conditions of a grant or the reasons of a rejection, and the
    application's ``version`` the manager saw (``None``: the one ``application`` holds)."""

    application: Application
    outcome: str
    amount: object = None
    conditions: str = ""
    reasons: str = ""
    expected_version: int | None = None


def refuse(field: str, message: str):
    raise ValidationFailed(message, field_errors={field: [message]})


def euros(amount) -> str:
    return f"EUR {format_number(amount)}"


def parse_amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = parse_decimal(value.strip()) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        refuse("amount", _("Enter the amount granted as a number."))
    if not amount.is_finite():
        refuse("amount", _("Enter the amount granted as a number."))
    return amount.quantize(CENT)


def granted_total(round_: Round, *, category=None, exclude=None) -> Decimal:
    rows = Application.objects.filter(round=round_, outcome=DecisionOutcome.GRANTED)
    if category is not None:
        rows = rows.filter(category=category)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.aggregate(total=Sum("granted_amount"))["total"] or Decimal("0")


def remaining_budget(round_: Round, category=None) -> Decimal:
    """What is left of the round's budget (or of ``category``'s) after the grants so far."""
    if category is not None:
        return category.amount - granted_total(round_, category=category)
    return round_.budget - granted_total(round_)


def _check_budget(application: Application, amount: Decimal) -> None:
    # the round's row lock makes concurrent grants in the same round wait for each other
    round_ = Round.objects.select_for_update().get(pk=application.round_id)
    left = round_.budget - granted_total(round_, exclude=application)
    if amount > left:
        refuse(
            "amount",
            _("This grant exceeds the round's remaining budget (%(left)s left).")
            % {"left": euros(max(left, Decimal("0")))},
        )
    if application.category_id is None:
        return
    category = BudgetCategory.objects.get(pk=application.category_id)
    left = category.amount - granted_total(round_, category=category, exclude=application)
    if amount > left:
        refuse(
            "amount",
            _("This grant exceeds the remaining budget of category %(name)s (%(left)s left).")
            % {"name": category.name, "left": euros(max(left, Decimal("0")))},
        )


def _check_grant(application: Application, amount: Decimal | None) -> Decimal:
    if amount is None or amount <= 0:
        refuse("amount", _("Enter the amount granted (more than EUR 0)."))
    requested = application.amount_requested
    if requested is not None and amount > requested:
        refuse(
            "amount",
            _("The amount granted is more than the amount requested (%(requested)s).")
            % {"requested": euros(requested)},
        )
    _check_budget(application, amount)
    return amount


@transaction.atomic
def decision_prepare(*, actor, application: Application, expected_version=None) -> Application:
    """A manager moves a reviewed application on to "ready for decision" (the stage the
    decision page lists), once at least one review of it has been submitted."""
    check(permissions.can_manage_fund(actor, application.round.fund))
    row = locked(Application, application, expected_version)
    if row.stage.key != "in_review":
        raise ValidationFailed(
            _("Only an application in review can be made ready for decision (now: %(stage)s).")
            % {"stage": row.stage.name}
        )
    reviews = Review.objects.filter(assignment__application=row, submitted_at__isnull=False)
    if not reviews.exists():
        raise ValidationFailed(_("Submit at least one review before the decision."))
    workflow_move(actor=actor, subject=row, to_stage=DECISION_STAGE)
    row.version += 1
    row.save(update_fields=["version", "updated_at"])
    changed()
    return row


def _apply(row: Application, actor, outcome: str, amount, conditions: str, reasons: str):
    if outcome not in DecisionOutcome.values:
        refuse("outcome", _("Choose granted or rejected."))
    if row.stage.key != DECISION_STAGE:
        raise ValidationFailed(
            _("Only an application that is ready for decision can be decided (now: %(stage)s).")
            % {"stage": row.stage.name}
        )
    if outcome == DecisionOutcome.GRANTED:
        row.granted_amount = _check_grant(row, parse_amount(amount))
        row.conditions, row.decision_reason = (conditions or "").strip(), ""
    else:
        reasons = (reasons or "").strip()
        if not reasons:
            refuse("reasons", _("Give the reasons for the rejection."))
        row.granted_amount, row.conditions, row.decision_reason = None, "", reasons
    row.outcome = outcome
    row.decided_by = actor
    row.decided_at = timezone.now()
    row.version += 1
    row.save(update_fields=[*DECISION_FIELDS, "version", "updated_at"])


@transaction.atomic
def decision_make(
    *,
    actor,
    application: Application,
    outcome: str,
    amount=None,
    conditions: str = "",
    reasons: str = "",
    expected_version: int | None = None,
) -> Application:
    """Grant (``amount``, ``conditions``) or reject (``reasons``) ``application``; it moves
    to the stage granted or rejected. Nothing is saved when anything is refused."""
    check(permissions.can_manage_fund(actor, application.round.fund))
    row = locked(Application, application, expected_version)
    before = snapshot(row, DECISION_FIELDS)
    _apply(row, actor, outcome, amount, conditions, reasons)
    workflow_move(
        actor=actor,
        subject=row,
        to_stage=outcome,
        reason=row.decision_reason if outcome == DecisionOutcome.REJECTED else "",
        expected_version=row.stage_version,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=row,
        before=before,
        after=snapshot(row, DECISION_FIELDS),
    )
    _after_decision(actor, row)
    changed()
    return row


def _after_decision(actor, application: Application) -> None:
    from proeftuin.funding import events_decide, letters, services_grants

    if application.outcome == DecisionOutcome.GRANTED:
        services_grants.obligations_plan(application)
    letters.letter_create(application)
    events_decide.decision_made(actor, application)
    experiment_indexed(application.pk)


def _named(application: Application, exc: DomainError) -> str:
    details = [str(m) for problems in exc.field_errors.values() for m in problems]
    reason = " ".join(details) or str(exc.message)
    return _("Application “%(title)s”: %(reason)s") % {
        "title": application.title,
        "reason": reason,
    }


@transaction.atomic
def decisions_batch(*, actor, decisions: list[DecisionInput]) -> list[Application]:
    """Apply every decision, or none: the first refusal undoes the whole batch and names the
    application and why (the same error type, so a conflict stays a conflict)."""
    if not decisions:
        raise ValidationFailed(_("Choose at least one decision."))
    seen: set[int] = set()
    done = []
    for item in decisions:
        if item.application.pk in seen:
            raise ValidationFailed(
                _("Application “%(title)s” appears twice in the batch.")
                % {"title": item.application.title}
            )
        seen.add(item.application.pk)
        try:
            done.append(
                decision_make(
                    actor=actor,
                    application=item.application,
                    outcome=item.outcome,
                    amount=item.amount,
                    conditions=item.conditions,
                    reasons=item.reasons,
                    expected_version=item.expected_version,
                )
            )
        except DomainError as exc:
            raise type(exc)(_named(item.application, exc)) from exc
    return done
