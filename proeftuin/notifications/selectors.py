"""Reads: a user's notifications, their unread count, preferences, and whether a
recipient may (still) see what a notification is about."""

from __future__ import annotations

from collections import defaultdict

from proeftuin.notifications.events import events
from proeftuin.notifications.models import Notification, NotificationPreference


def may_see_subject(user, subject) -> bool:
    """False when ``subject``'s model has a ``visible_to`` read path that hides it from
    ``user``; True for subjects without one."""
    queryset = type(subject)._default_manager.all()
    if not hasattr(queryset, "visible_to"):
        return True
    return queryset.visible_to(user).filter(pk=subject.pk).exists()


def notification_list(user):
    """``user``'s notifications shown in the platform, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, in_platform=True).select_related(
        "subject_type"
    )


def notification_unread_count(user) -> int:
    return notification_list(user).filter(read_at__isnull=True).count()


def hidden_subjects(user, notifications) -> set[int]:
    """Ids of ``notifications`` about something ``user`` may no longer see (their role was
    revoked since): their title is not shown. One query per kind of subject."""
    by_type = defaultdict(dict)
    for n in notifications:
        if n.subject_type_id is not None:
            by_type[n.subject_type].setdefault(n.subject_id, []).append(n.pk)
    hidden = set()
    for subject_type, ids in by_type.items():
        model = subject_type.model_class()
        queryset = model._default_manager.all() if model is not None else None
        if queryset is None or not hasattr(queryset, "visible_to"):
            continue
        visible = set(
            queryset.visible_to(user).filter(pk__in=list(ids)).values_list("pk", flat=True)
        )
        hidden.update(
            pk for subject_id, pks in ids.items() if subject_id not in visible for pk in pks
        )
    return hidden


def preferences_for(user_ids: list[int], event: str) -> dict[int, tuple[bool, str]]:
    """The stored choices of these users for ``event``: ``{user id: (in_platform, email)}``."""
    rows = NotificationPreference.objects.filter(user_id__in=user_ids, event=event)
    return {r.user_id: (r.in_platform, r.email) for r in rows}


def preferences_of(user) -> dict[str, tuple[bool, str]]:
    """``user``'s channels for every registered event (their choice or its defaults)."""
    stored = {
        r.event: (r.in_platform, r.email) for r in NotificationPreference.objects.filter(user=user)
    }
    return {e.key: stored.get(e.key, (e.in_platform, str(e.email))) for e in events}
