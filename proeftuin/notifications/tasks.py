"""Background tasks: one notification by e-mail, and the daily digest. Never run in a
request: ``notify`` queues them in the writing transaction."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from proeftuin.core.jobs import task
from proeftuin.notifications.choices import EmailFrequency
from proeftuin.notifications.models import Notification
from proeftuin.notifications.selectors import hidden_subjects

logger = logging.getLogger("proeftuin.notifications")


def _absolute(url: str) -> str:
    return f"{settings.NOTIFICATIONS_SITE_URL.rstrip('/')}{url}" if url else ""


def _claim(ids: list[int]) -> list[Notification]:
    """Take the not yet mailed ones of ``ids``; a second run finds nothing to send."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(pk__in=ids, emailed_at__isnull=True)
            .select_related("recipient", "subject_type")
        )
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=timezone.now())
    return rows


def _send(recipient, rows: list[Notification], subject: str) -> None:
    """One mail to ``recipient`` about ``rows``, leaving out what they may no longer see.
    When sending fails the rows are released again for the retry."""
    hidden = hidden_subjects(recipient, rows)
    rows = [r for r in rows if r.pk not in hidden]
    if not rows or not recipient.email or not recipient.is_active:
        return
    with translation.override(settings.LANGUAGE_CODE):
        items = [{"title": r.title, "url": _absolute(r.url)} for r in rows]
        body = render_to_string(
            "notifications/email.txt",
            {"user": recipient, "items": items, "preferences": _absolute("/meldingen/voorkeuren/")},
        )
        try:
            send_mail(str(subject), body, None, [recipient.email])
        except Exception:
            Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=None)
            raise


@task("notifications.email")
def email_notification(notification_id: int) -> None:
    rows = _claim([notification_id])
    if rows:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Notification: %(title)s") % {"title": rows[0].title[:150]}
        _send(rows[0].recipient, rows, subject)


@task("notifications.digest")
def daily_digest() -> int:
    """One mail per recipient with every notification waiting for the digest."""
    waiting = Notification.objects.filter(email=EmailFrequency.DAILY, emailed_at__isnull=True)
    recipients = waiting.values_list("recipient_id", flat=True).distinct()
    sent = 0
    for recipient_id in list(recipients):
        ids = list(waiting.filter(recipient_id=recipient_id).values_list("pk", flat=True))
        rows = _claim(ids)
        if rows:
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Your notifications of today (%(count)s)") % {"count": len(rows)}
            _send(rows[0].recipient, rows, subject)
            sent += 1
    logger.info("daily digest sent to %s recipients", sent)
    return sent
