"""Writes to funds and rounds: the fund and its screeners and reviewers, a round with its
dates, budget, categories, criteria, form questions and rules. Only the programme's
managers (and platform administrators) make them; each is atomic and audited."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    ValidationFailed,
    audit_record,
    unique_slug,
    update_versioned,
    workflow_for,
)
from proeftuin.core.service import require as check
from proeftuin.funding import permissions
from proeftuin.funding.choices import WORKFLOW_KIND, WORKFLOW_KINDS, FundRole, QuestionKind
from proeftuin.funding.common import changed, snapshot
from proeftuin.funding.models import (
    BudgetCategory,
    Criterion,
    FormQuestion,
    Fund,
    FundMember,
    Round,
    RoundRule,
)
from proeftuin.funding.searchable import round_indexed
from proeftuin.organisations.service import can_manage_programme

ROUND_FIELDS = (
    "title",
    "description",
    "opens_at",
    "closes_at",
    "decision_due",
    "budget",
    "published",
    "report_every_months",
)
REPORT_INTERVAL = (1, 12)  # months between a granted experiment's progress reports


@transaction.atomic
def fund_create(*, actor, programme, name: str, description: str = "") -> Fund:
    check(can_manage_programme(actor, programme))
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(field_errors={"name": [_("Give the fund a name.")]})
    if Fund.objects.filter(programme=programme, name=name).exists():
        raise DuplicateError(_("This programme already has a fund with this name."))
    fund = Fund.objects.create(
        programme=programme,
        name=name,
        slug=unique_slug(Fund, name, fallback="fonds", reserved=("nieuw",)),
        description=description,
        created_by=actor if actor.is_authenticated else None,
    )
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=fund, after={"name": name})
    changed()
    return fund


@transaction.atomic
def fund_member_set(
    *, actor, fund, user, role: str, expertise: str = "", max_assignments: int = 10
) -> FundMember:
    """Make ``user`` a screener or reviewer of ``fund`` (or update their expertise)."""
    check(permissions.can_manage_fund(actor, fund))
    if role not in FundRole.values:
        raise ValidationFailed(field_errors={"role": [_("Choose screener or reviewer.")]})
    if not user.is_active:
        raise ValidationFailed(field_errors={"user": [_("This account is not active.")]})
    member, created = FundMember.objects.update_or_create(
        fund=fund,
        user=user,
        role=role,
        defaults={"expertise": expertise.strip(), "max_assignments": max(1, int(max_assignments))},
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=fund,
        after={"member": f"{user.username}:{role}", "expertise": member.expertise},
    )
    return member


@transaction.atomic
def fund_member_remove(*, actor, member: FundMember) -> None:
    check(permissions.can_manage_fund(actor, member.fund))
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=member.fund,
        before={"member": f"{member.user.username}:{member.role}"},
        after={"member": None},
    )
    member.delete()


def _round_errors(values: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Give the round a title.")]
    opens, closes = values.get("opens_at"), values.get("closes_at")
    if not opens or not closes:
        errors["closes_at"] = [_("Give the opening date and the deadline.")]
    elif closes <= opens:
        errors["closes_at"] = [_("The deadline must come after the opening.")]
    try:
        budget = Decimal(str(values.get("budget")))
        if budget < 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["budget"] = [_("Give the budget as an amount in euros, 0 or more.")]
    every = values.get("report_every_months", REPORT_INTERVAL[0])
    if not isinstance(every, int) or not REPORT_INTERVAL[0] <= every <= REPORT_INTERVAL[1]:
        errors["report_every_months"] = [
            _("Progress reports are due every %(low)d to %(high)d months.")
            % {"low": REPORT_INTERVAL[0], "high": REPORT_INTERVAL[1]}
        ]
    return errors


@transaction.atomic
def round_create(*, actor, fund, two_stage: bool = False, **values) -> Round:
    """A new round of ``fund`` on the default procedure (one stage or two)."""
    check(permissions.can_manage_fund(actor, fund))
    errors = _round_errors(values)
    if errors:
        raise ValidationFailed(field_errors=errors)
    kind = WORKFLOW_KINDS[1] if two_stage else WORKFLOW_KIND
    fields = {name: values[name] for name in ROUND_FIELDS if name in values}
    round_ = Round.objects.create(
        fund=fund,
        slug=unique_slug(Round, values["title"], fallback="ronde"),
        workflow=workflow_for(kind, None),
        created_by=actor if actor.is_authenticated else None,
        **fields,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=round_,
        after=snapshot(round_, ROUND_FIELDS),
    )
    changed()
    round_indexed(round_.pk)
    return round_


@transaction.atomic
def round_update(*, actor, round_, expected_version=None, **values) -> Round:
    check(permissions.can_manage_fund(actor, round_.fund))
    row = update_versioned(
        actor=actor,
        model=Round,
        obj=round_,
        fields=ROUND_FIELDS,
        values=values,
        errors_of=_round_errors,
        expected_version=expected_version,
    )
    changed()
    round_indexed(row.pk)
    return row


def _round_part(actor, round_, part: str, **after):
    check(permissions.can_manage_fund(actor, round_.fund))
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=round_, after={part: after})
    changed()


@transaction.atomic
def category_add(*, actor, round_, name: str, amount) -> BudgetCategory:
    _round_part(actor, round_, "category", name=name, amount=str(amount))
    if round_.categories.filter(name=name.strip()).exists():
        raise DuplicateError(_("This round already has a budget category with this name."))
    return BudgetCategory.objects.create(
        round=round_, name=name.strip(), amount=Decimal(str(amount))
    )


@transaction.atomic
def criterion_add(*, actor, round_, name: str, description: str = "", weight=1) -> Criterion:
    _round_part(actor, round_, "criterion", name=name, weight=str(weight))
    if Decimal(str(weight)) <= 0:
        raise ValidationFailed(field_errors={"weight": [_("A weight must be more than 0.")]})
    if round_.criteria.filter(name=name.strip()).exists():
        raise DuplicateError(_("This round already has a criterion with this name."))
    order = round_.criteria.count() + 1
    return Criterion.objects.create(
        round=round_, name=name.strip(), description=description, weight=weight, order=order
    )


@transaction.atomic
def criterion_remove(*, actor, criterion: Criterion) -> None:
    from proeftuin.funding.models import ReviewScore

    _round_part(actor, criterion.round, "criterion removed", name=criterion.name)
    if ReviewScore.objects.filter(criterion=criterion).exists():
        raise ValidationFailed(
            _("Reviewers have scored this criterion already; it can no longer be removed.")
        )
    criterion.delete()


@transaction.atomic
def question_add(
    *,
    actor,
    round_,
    key: str,
    label: str,
    kind: str,
    required=False,
    choices=(),
    help_text="",
    phase="both",
) -> FormQuestion:
    _round_part(actor, round_, "question", key=key, label=label, kind=kind)
    errors = {}
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Choose a kind of question.")]
    if kind == QuestionKind.CHOICE and len([c for c in choices if str(c).strip()]) < 2:
        errors["choices"] = [_("A choice needs at least two options.")]
    if not (label or "").strip():
        errors["label"] = [_("Write the question.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    try:
        with transaction.atomic():
            return FormQuestion.objects.create(
                round=round_,
                key=key,
                label=label.strip(),
                kind=kind,
                required=bool(required),
                choices=[str(c).strip() for c in choices if str(c).strip()],
                help_text=help_text,
                phase=phase,
                order=round_.questions.count() + 1,
            )
    except IntegrityError:
        raise DuplicateError(_("This form already has a question with this key.")) from None


@transaction.atomic
def question_remove(*, actor, question: FormQuestion) -> None:
    _round_part(actor, question.round, "question removed", key=question.key)
    question.delete()


@transaction.atomic
def rule_add(*, actor, round_, kind: str, params: dict) -> RoundRule:
    """A rule of ``kind`` (``RuleKind``) with its parameters, checked by ``rules.py``."""
    from proeftuin.funding.rules import param_errors

    _round_part(actor, round_, "rule", kind=kind, params=params)
    errors = param_errors(kind, params)
    if errors:
        raise ValidationFailed(field_errors={"params": errors})
    return RoundRule.objects.create(
        round=round_, kind=kind, params=params, order=round_.rules.count() + 1
    )


@transaction.atomic
def rule_remove(*, actor, rule: RoundRule) -> None:
    _round_part(actor, rule.round, "rule removed", kind=rule.kind, params=rule.params)
    rule.delete()
