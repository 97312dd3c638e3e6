"""The public form "Overbodige regel melden": anyone reports a superfluous or obstructive
rule, anonymously or signed. Every report within the limit is stored and shown nowhere
until a steward accepts it (into the register, as a new barrier or on an existing one),
rejects it with an answer, or marks it as spam. The reporter follows it on its status page
(``/regel-melden/<uuid>/``) and, when they left an address, gets an e-mail of the decision
(sent on the worker).

Rate limit: at most ``REPORTS_PER_HOUR`` reports per sender (a keyed hash of the address
it came from, so no IP address is stored). Reports over the limit are refused with a Dutch
message and the form keeps what was typed; reports already stored stay, so a spam flood
from a few senders fills its own quota and loses nothing of real reports. Spam is marked,
never deleted, so a wrong decision can be undone."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.barriers import permissions
from proeftuin.barriers.choices import Category, ReportStatus
from proeftuin.barriers.models import Barrier, BarrierReport
from proeftuin.barriers.services import barrier_create
from proeftuin.core.jobs import enqueue, task
from proeftuin.core.service import (
    AuditEntry,
    EditorialStatus,
    NotAllowed,
    ValidationFailed,
    Visibility,
    audit_event,
    audit_record,
)

REPORTS_PER_HOUR = 5
MAIL_JOB = "barriers.report_mail"


def sender_key(address: str) -> str:
    """A keyed hash of the address a report came from (the address itself is not kept)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def _over_limit(sender: str) -> bool:
    since = timezone.now() - datetime.timedelta(hours=1)
    return (
        BarrierReport.objects.filter(sender=sender, created_at__gte=since).count()
        >= REPORTS_PER_HOUR
    )


def report_submit(*, data: dict, sender: str) -> BarrierReport:
    rule = str(data.get("rule", "")).strip()
    description = str(data.get("description", "")).strip()
    errors = {}
    if not rule:
        errors["rule"] = [_("Name the rule.")]
    if len(description) < 20:
        errors["description"] = [_("Describe in a few sentences what goes wrong.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    if _over_limit(sender):
        raise ValidationFailed(
            _(
                "You have sent many reports in the past hour. Try again later; "
                "your reports so far have been received."
            )
        )
    anonymous = bool(data.get("anonymous"))
    return BarrierReport.objects.create(
        rule=rule[:250],
        description=description,
        suggestion=str(data.get("suggestion", "")).strip(),
        name="" if anonymous else str(data.get("name", "")).strip()[:200],
        email=str(data.get("email", "")).strip(),
        sender=sender,
    )


def _decided(report: BarrierReport, actor, status: str, answer: str) -> None:
    report.status, report.answer = status, answer
    report.decided_by, report.decided_at = actor, timezone.now()
    report.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=report,
        before={"status": ReportStatus.PENDING},
        after={"status": status, "barrier": report.barrier.slug if report.barrier_id else ""},
    )
    if report.email and status != ReportStatus.SPAM:
        enqueue(MAIL_JOB, report.pk)


@transaction.atomic
def report_moderate(
    *,
    actor,
    report: BarrierReport,
    decision: str,
    answer: str = "",
    barrier: Barrier | None = None,
    category: str = "",
) -> BarrierReport:
    """Accept (onto ``barrier``, or as a new barrier of ``category``), reject (with an
    answer to the reporter) or mark as spam."""
    allowed, reason = permissions.can_moderate_reports(actor)
    if not allowed:
        raise NotAllowed(reason)
    report = BarrierReport.objects.select_for_update().get(pk=report.pk)
    if decision not in ReportStatus.values or decision == ReportStatus.PENDING:
        raise ValidationFailed(field_errors={"decision": [_("Choose a decision.")]})
    if report.status not in (ReportStatus.PENDING, ReportStatus.SPAM):  # spam may be undone
        raise ValidationFailed(_("This report was already decided."))
    if decision == ReportStatus.REJECTED and not answer.strip():
        message = _("Tell the reporter why the report is not taken up.")
        raise ValidationFailed(message, field_errors={"answer": [message]})
    if decision == ReportStatus.ACCEPTED:
        report.barrier = barrier or _barrier_from(actor, report, category)
    _decided(report, actor, decision, answer.strip())
    return report


def _barrier_from(actor, report: BarrierReport, category: str) -> Barrier:
    if category not in Category.values:
        raise ValidationFailed(
            field_errors={"category": [_("Choose a category, or an existing barrier.")]}
        )
    text = report.description
    if report.suggestion:
        text += "\n\n" + report.suggestion
    return barrier_create(
        actor=actor,
        owner=None,
        data={
            "title": report.rule,
            "category": category,
            "description": text,
            "rule": report.rule,
            "change_request": report.suggestion,
            "status": EditorialStatus.PUBLISHED,
            "visibility": Visibility.PUBLIC,
        },
    )


@transaction.atomic
def reports_mark_spam(*, actor, sender: str) -> int:
    """Mark every pending report of one sender as spam (the flood button)."""
    allowed, reason = permissions.can_moderate_reports(actor)
    if not allowed:
        raise NotAllowed(reason)
    rows = BarrierReport.objects.filter(sender=sender, status=ReportStatus.PENDING)
    count = rows.update(status=ReportStatus.SPAM, decided_by=actor, decided_at=timezone.now())
    audit_event(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_repr=f"{count} rule reports of one sender",
        details={"status": ReportStatus.SPAM, "count": count},
    )
    return count


@task(MAIL_JOB)
def send_report_mail(report_id: int) -> None:
    report = BarrierReport.objects.filter(pk=report_id).exclude(email="").first()
    if report is None:
        return
    url = settings.NOTIFICATIONS_SITE_URL.rstrip("/") + reverse(
        "barriers:report_status", args=[report.uuid]
    )
    body = _(
        "Thank you for your report about “%(rule)s”.\n\nWhat happened with it: %(status)s.\n"
        "%(answer)s\n\nFollow it here: %(url)s"
    ) % {
        "rule": report.rule,
        "status": report.get_status_display(),
        "answer": report.answer,
        "url": url,
    }
    send_mail(_("Your report of a rule"), body, None, [report.email])
