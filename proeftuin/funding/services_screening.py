"""Screening by the fund's screeners and managers: start screening a submitted
application, find it eligible (on to review) or not eligible (rejected), with the reasons
kept in ``screening_note``, or ask the applicants for more information (the question in
``info_request``; they answer and resubmit through ``application_submit``). Every move goes
through core's ``workflow_move`` (transition table, roles, stage version, audit)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.core.service import ValidationFailed, workflow_move
from proeftuin.core.service import require as check
from proeftuin.funding import events_apply, permissions
from proeftuin.funding.common import changed, locked, snapshot
from proeftuin.funding.models import Application
from proeftuin.funding.services_applications import bump

SCREENING_FIELDS = ("screening_note", "info_request")
MAX_NOTE = 5000


def _row(actor, application, expected_version):
    check(permissions.can_screen(actor, application))
    return locked(Application, application, expected_version)


def _text(value, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(message, field_errors={field: [message]})
    if len(text) > MAX_NOTE:
        too_long = _("At most %(n)d characters.") % {"n": MAX_NOTE}
        raise ValidationFailed(too_long, field_errors={field: [too_long]})
    return text


def _audit(actor, row, before) -> None:
    from proeftuin.core.service import AuditEntry, audit_record

    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=row,
        before=before,
        after=snapshot(row, SCREENING_FIELDS),
    )


@transaction.atomic
def screening_start(*, actor, application, expected_version=None) -> Application:
    row = _row(actor, application, expected_version)
    workflow_move(actor=actor, subject=row, to_stage="screening")
    bump(row, [])
    changed()
    return row


@transaction.atomic
def screening_decide(
    *, actor, application, eligible: bool, reasons: str, expected_version=None
) -> Application:
    """Eligible: on to review; not eligible: rejected. The reasons are required either way."""
    row = _row(actor, application, expected_version)
    reasons = _text(reasons, "reasons", _("Give the reasons of the screening decision."))
    before = snapshot(row, SCREENING_FIELDS)
    target = "in_review" if eligible else "rejected"
    workflow_move(actor=actor, subject=row, to_stage=target, reason=reasons)
    row.screening_note = reasons
    bump(row, ["screening_note"])
    _audit(actor, row, before)
    events_apply.announce_screened(actor, row, eligible=eligible)
    changed()
    return row


@transaction.atomic
def screening_request_info(*, actor, application, question: str, expected_version=None):
    """Return the application to its applicants with ``question``."""
    row = _row(actor, application, expected_version)
    question = _text(question, "question", _("Write the question for the applicants."))
    before = snapshot(row, SCREENING_FIELDS)
    workflow_move(actor=actor, subject=row, to_stage="more_info", reason=question)
    row.info_request = question
    bump(row, ["info_request"])
    _audit(actor, row, before)
    events_apply.announce_info_requested(actor, row)
    changed()
    return row
