"""Public interface of the notifications app for other apps.

An app registers its kinds of notification from ``AppConfig.ready()``
(``register_event(key, label, in_platform=..., email=...)``) and calls ``notify(...)`` in
the transaction of the write the notification is about."""

from proeftuin.notifications.choices import EmailFrequency
from proeftuin.notifications.events import NotificationEvent, UnknownEvent, register_event
from proeftuin.notifications.models import Notification
from proeftuin.notifications.selectors import notification_unread_count
from proeftuin.notifications.services import next_digest_at, notify

__all__ = [
    "EmailFrequency",
    "Notification",
    "NotificationEvent",
    "UnknownEvent",
    "next_digest_at",
    "notification_unread_count",
    "notify",
    "register_event",
]
