"""The prior-cases check ("is dit al eerder gedaan?"), submitting and withdrawing an
application. Submitting goes through core's ``workflow_move``; before it, everything is
checked at once (the round's dates, the texts, the required questions, every rule of the
round) and reported as field errors with one Dutch message each, so nothing is half-saved.
The prior cases found are kept on the application for the screeners and reviewers."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.service import NotAllowed, ValidationFailed, workflow_move
from proeftuin.core.service import require as check
from proeftuin.funding import answers_apply, permissions, rules
from proeftuin.funding.common import changed, locked, snapshot
from proeftuin.funding.models import Application
from proeftuin.funding.services_applications import (
    AUDITED,
    audit_update,
    bump,
    round_closed_message,
)

# where the applicants' submit leads from each stage they write in
SUBMIT_TARGETS = {
    "draft": "submitted",
    "sketch": "sketch_submitted",
    "proposal": "submitted",
    "more_info": "submitted",
}
FIRST_SUBMITS = ("draft", "sketch", "proposal")  # bound to the round's dates
PRIOR_LIMIT = 5


def prior_text(application) -> str:
    parts = (application.title, application.problem, application.idea)
    return "\n".join(p.strip() for p in parts if p and p.strip())


def find_prior_cases(user, text: str) -> list[dict]:
    """Earlier cases ``user`` may see that resemble ``text``, as kept on an application:
    title, url, uuid, similarity (``None`` when found on shared words only)."""
    from proeftuin.search.service import prior_cases

    if not text.strip():
        return []
    return [
        {
            "title": hit.title,
            "url": hit.url,
            "uuid": str(hit.uuid),
            "similarity": None if hit.similarity is None else round(float(hit.similarity), 4),
        }
        for hit in prior_cases(user=user, text=text, limit=PRIOR_LIMIT)
    ]


def _store_prior(row, found: list[dict]) -> None:
    row.prior_cases, row.prior_checked_at = found, timezone.now()


@transaction.atomic
def application_check_prior(*, actor, application) -> Application:
    """Run "is dit al eerder gedaan?" on the title, problem and idea and keep the result."""
    check(permissions.can_edit_application(actor, application))
    row = locked(Application, application, None)
    _store_prior(row, find_prior_cases(actor, prior_text(row)))
    bump(row, ["prior_cases", "prior_checked_at"])
    changed()
    return row


def submit_problems(application) -> dict[str, list[str]]:
    """Everything that stops ``application`` from being submitted now, as field errors
    (empty: it may be submitted). Rules are under ``rules``, one message per failed rule."""
    errors: dict[str, list[str]] = {}
    stage = application.stage.key
    if stage in FIRST_SUBMITS:
        closed = round_closed_message(application.round)
        if closed:
            errors["round"] = [closed]
    for name, message in (
        ("title", _("Give the application a title.")),
        ("problem", _("Describe the problem.")),
        ("idea", _("Describe the idea.")),
    ):
        if not (getattr(application, name) or "").strip():
            errors[name] = [message]
    questions = answers_apply.questions_for(application.round, stage)
    errors.update(answers_apply.missing_required(application, questions))
    if SUBMIT_TARGETS.get(stage) == "submitted":
        failed = rules.failed_rules(application)
        if failed:
            errors["rules"] = failed
    return errors


@transaction.atomic
def application_submit(
    *, actor, application, answer: str = "", expected_version=None
) -> Application:
    """Submit the application (or resubmit it with ``answer`` to the information
    requested). Refused with every problem at once; the first submit sets
    ``submitted_at``; the prior-cases check runs again and is kept with it."""
    check(permissions.can_edit_application(actor, application))
    row = locked(Application, application, expected_version)
    stage = row.stage.key
    target = SUBMIT_TARGETS.get(stage)
    if target is None:
        raise ValidationFailed(_("This application cannot be submitted in its current stage."))
    errors = submit_problems(row)
    if stage == "more_info" and not (answer or "").strip():
        errors["answer"] = [_("Answer the question of the screeners.")]
    if errors:
        message = errors["round"][0] if "round" in errors else None
        raise ValidationFailed(message, field_errors=errors)
    before = snapshot(row, AUDITED)
    workflow_move(actor=actor, subject=row, to_stage=target, reason=(answer or "").strip())
    if row.submitted_at is None:
        row.submitted_at = timezone.now()
    _store_prior(row, find_prior_cases(actor, prior_text(row)))
    bump(row, ["submitted_at", "prior_cases", "prior_checked_at"])
    audit_update(actor, row, before)
    from proeftuin.funding.events_apply import announce_submitted

    announce_submitted(actor, row, resubmitted=stage == "more_info")
    changed()
    return row


@transaction.atomic
def application_withdraw(*, actor, application, reason: str, expected_version=None):
    """The applicants withdraw the application, saying why (kept on the move)."""
    if not permissions.is_applicant(actor, application):
        raise NotAllowed(_("Only the applicants can withdraw this application."))
    row = locked(Application, application, expected_version)
    if not (reason or "").strip():
        raise ValidationFailed(field_errors={"reason": [_("Say why you withdraw it.")]})
    workflow_move(actor=actor, subject=row, to_stage="withdrawn", reason=reason.strip())
    bump(row, [])
    changed()
    return row
