"""Writes of applicants: start an application in an open round (from scratch or from an
initiative they may see), save the draft (optimistic version check) with the answers to
the round's questions. Partners, co-applicants and attachments are in
``services_applications_parts``; the prior-cases check, submit and withdraw in
``services_applications_submit``. Every write is atomic, permission-checked and audited."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import (
    AuditEntry,
    ValidationFailed,
    audit_record,
    workflow_initial_stage,
)
from proeftuin.core.service import require as check
from proeftuin.funding import answers_apply, permissions
from proeftuin.funding.common import changed, locked, snapshot
from proeftuin.funding.models import Application, BudgetCategory

AUDITED = (
    "title",
    "problem",
    "idea",
    "public_summary",
    "amount_requested",
    "total_cost",
    "duration_months",
    "category",
    "initiative",
    "answers",
)
TEXTS = ("title", "problem", "idea", "public_summary")
AMOUNTS = ("amount_requested", "total_cost")
MAX_TITLE = 250
MAX_MONTHS = 240


def application_url(application) -> str:
    return reverse("funding:apply_detail", args=[application.uuid])


def refuse(field: str, message: str):
    raise ValidationFailed(message, field_errors={field: [message]})


def round_closed_message(round_) -> str | None:
    """Why ``round_`` takes no applications now (Dutch), ``None`` when it does."""
    from django.utils import timezone

    now = timezone.now()
    if not round_.published:
        return _("This round is not open for applications.")
    if now < round_.opens_at:
        return _("This round opens on %(date)s; you cannot apply before then.") % {
            "date": timezone.localtime(round_.opens_at).strftime("%d-%m-%Y %H:%M")
        }
    if now >= round_.closes_at:
        return _("The deadline of this round (%(date)s) has passed.") % {
            "date": timezone.localtime(round_.closes_at).strftime("%d-%m-%Y %H:%M")
        }
    return None


def audit_update(actor, application, before) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=application,
        before=before,
        after=snapshot(application, AUDITED),
    )


def bump(application, fields) -> None:
    application.version += 1
    application.save(update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def application_start(*, actor, round, owner, title: str = "", initiative=None) -> Application:
    """``actor`` starts a draft for ``owner`` (an organisation they belong to) in the open
    ``round``; from ``initiative`` (one they may see) its title, problem and intended result
    are copied."""
    check(permissions.can_apply(actor))
    closed = round_closed_message(round)
    if closed:
        raise ValidationFailed(closed, field_errors={"round": [closed]})
    if owner is None or owner.pk not in roles_by_organisation(actor):
        refuse("owner", _("You can only apply for an organisation you belong to."))
    values = {"title": (title or "").strip()[:MAX_TITLE], "problem": "", "idea": ""}
    if initiative is not None:
        values.update(_from_initiative(actor, initiative, values["title"]))
    if not values["title"]:
        refuse("title", _("Give the application a title."))
    application = Application.objects.create(
        round=round,
        owner=owner,
        created_by=actor,
        workflow=round.workflow,
        stage=workflow_initial_stage(round.workflow),
        initiative=initiative,
        **values,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=application,
        after=snapshot(application, AUDITED) | {"round": round.title, "owner": owner.name},
    )
    changed()
    return application


def _from_initiative(actor, initiative, title: str) -> dict:
    from proeftuin.portfolio.service import initiative_visible

    if not initiative_visible(actor).filter(pk=initiative.pk).exists():
        refuse("initiative", _("This initiative does not exist or is not visible to you."))
    idea = "\n\n".join(
        part for part in (initiative.intended_result, initiative.chain) if part.strip()
    )
    return {
        "title": title or initiative.title[:MAX_TITLE],
        "problem": initiative.problem,
        "idea": idea,
    }


def _amount(field: str, value, errors: dict):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        errors[field] = [_("Give an amount in euros, zero or more.")]
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors[field] = [_("An amount has at most two decimals (cents).")]
        return None
    return amount


def _months(value, errors: dict):
    if value in (None, ""):
        return None
    try:
        months = int(str(value).strip())
    except ValueError:
        months = None
    if months is None or not 1 <= months <= MAX_MONTHS:
        errors["duration_months"] = [
            _("Give the duration in whole months, from 1 to %(max)d.") % {"max": MAX_MONTHS}
        ]
        return None
    return months


def _category(application, value, errors: dict):
    if value in (None, ""):
        return None
    key = getattr(value, "pk", value)
    found = BudgetCategory.objects.filter(round_id=application.round_id, pk=key).first()
    if found is None:
        errors["category"] = [_("Choose a budget category of this round.")]
    return found


def _texts(data: dict, errors: dict) -> dict:
    values = {name: str(data[name] or "").strip() for name in TEXTS if name in data}
    if "title" in values:
        if not values["title"]:
            errors["title"] = [_("Give the application a title.")]
        elif len(values["title"]) > MAX_TITLE:
            errors["title"] = [_("At most %(n)d characters.") % {"n": MAX_TITLE}]
    return values


def _answers(application, given, errors: dict) -> dict:
    questions = answers_apply.questions_for(application.round, application.stage.key)
    clean, answer_errors = answers_apply.clean_answers(questions, given)
    errors.update(answer_errors)
    merged = {**application.answers, **clean}
    return {k: v for k, v in merged.items() if v is not None}


def _checked(application, data: dict) -> dict:
    """The draft fields in ``data``, checked; ``ValidationFailed`` with every problem."""
    errors: dict[str, list[str]] = {}
    values = _texts(data, errors)
    for name in AMOUNTS:
        if name in data:
            values[name] = _amount(name, data[name], errors)
    if "duration_months" in data:
        values["duration_months"] = _months(data["duration_months"], errors)
    if "category" in data:
        values["category"] = _category(application, data["category"], errors)
    if "answers" in data:
        values["answers"] = _answers(application, data["answers"], errors)
    if errors:
        raise ValidationFailed(field_errors=errors)
    return values


@transaction.atomic
def application_save(*, actor, application, expected_version=None, **data) -> Application:
    """Save the draft: any of title, problem, idea, public_summary, amount_requested,
    total_cost, duration_months, category, answers (merged; an empty answer removes one).
    ``expected_version``: the version the applicant edited (``ConflictError`` otherwise)."""
    check(permissions.can_edit_application(actor, application))
    row = locked(Application, application, expected_version)
    check(permissions.can_edit_application(actor, row))
    values = _checked(row, data)
    before = snapshot(row, AUDITED)
    for name, value in values.items():
        setattr(row, name, value)
    bump(row, list(values))
    audit_update(actor, row, before)
    changed()
    return row
