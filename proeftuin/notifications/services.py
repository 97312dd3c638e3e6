"""Writes: ``notify`` (store in the caller's transaction, mail from a background job),
marking notifications read, and saving a user's preferences."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from proeftuin.core.jobs import enqueue
from proeftuin.core.service import AuditEntry, NotAllowed, audit_record
from proeftuin.notifications.choices import EmailFrequency
from proeftuin.notifications.events import event_get
from proeftuin.notifications.models import Notification, NotificationPreference
from proeftuin.notifications.selectors import may_see_subject, preferences_for, preferences_of


def _local_url(url: str) -> str:
    """A notification links within the site only (no other host, no script)."""
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise ValueError(f"a notification links to a path of this site, not {url!r}")
    return url


def _recipients(recipients: Iterable, subject, actor) -> list:
    """Active users, once each, without the actor (who did it) and without anyone who
    cannot see ``subject`` (e.g. a member revoked from its organisation)."""
    found, seen = [], set()
    for user in recipients:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            continue
        if user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        if subject is None or may_see_subject(user, subject):
            found.append(user)
    return found


def next_digest_at(now: datetime | None = None) -> datetime:
    """The next moment the daily digest goes out (``NOTIFICATIONS_DIGEST_HOUR``, local)."""
    now = timezone.localtime(now or timezone.now())
    at = now.replace(hour=settings.NOTIFICATIONS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return at if at > now else at + timedelta(days=1)


@transaction.atomic
def notify(*, recipients, event: str, title: str, url: str, subject=None, actor=None):
    """Tell ``recipients`` about ``event``: stored in the caller's transaction (so nothing
    is sent for a write that rolls back), mailed by a background job after the commit.

    Recipients are filtered: inactive users, the actor and, when ``subject`` has a
    ``visible_to`` read path, whoever may not see it are left out. Each recipient's
    preference (or the event's defaults) decides the channels."""
    kind = event_get(event)
    _local_url(url)
    users = _recipients(recipients, subject, actor)
    chosen = preferences_for([u.pk for u in users], event)
    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    rows = []
    for user in users:
        in_platform, email = chosen.get(user.pk, (kind.in_platform, kind.email))
        if not in_platform and email == EmailFrequency.NEVER:
            continue
        rows.append(
            Notification(
                recipient=user,
                event=event,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                title=title[:300],
                url=url,
                subject_type=subject_type,
                subject_id=subject.pk if subject is not None else None,
                in_platform=in_platform,
                email=email,
            )
        )
    rows = Notification.objects.bulk_create(rows)
    for row in rows:
        if row.email == EmailFrequency.IMMEDIATELY:
            enqueue("notifications.email", row.pk)
    if any(row.email == EmailFrequency.DAILY for row in rows):
        enqueue("notifications.digest", run_after=next_digest_at())
    return rows


def notification_mark_read(*, actor, notification) -> None:
    """Mark one of ``actor``'s own notifications (by uuid) read; anyone else's is not
    found (``Notification.DoesNotExist``)."""
    mine = _mine(actor).filter(uuid=notification)
    if not mine.exists():
        raise Notification.DoesNotExist
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())


def notification_mark_all_read(*, actor) -> int:
    return _mine(actor).filter(read_at__isnull=True).update(read_at=timezone.now())


def _mine(actor):
    if not getattr(actor, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=actor, in_platform=True)


@transaction.atomic
def preferences_save(*, actor, choices: dict[str, tuple[bool, str]]) -> None:
    """Store ``actor``'s choices ``{event: (in_platform, email)}`` for registered events."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed
    before = preferences_of(actor)
    for event, (in_platform, email) in choices.items():
        event_get(event)
        NotificationPreference.objects.update_or_create(
            user=actor,
            event=event,
            defaults={"in_platform": bool(in_platform), "email": EmailFrequency(email)},
        )
    after = preferences_of(actor)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=actor,
        before={f"notifications {e}": list(v) for e, v in before.items()},
        after={f"notifications {e}": list(v) for e, v in after.items()},
    )
