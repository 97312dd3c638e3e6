"""The kinds of notification, registered by the apps that send them.

An app registers each event from its ``AppConfig.ready()``::

    register_event("portfolio.gate_due", _("A gate of your initiative is due"),
                   email=EmailFrequency.DAILY)

with a Dutch label (a translatable English msgid) and its default channels: shown in the
platform or not, and by e-mail never, immediately or in the daily digest. Each user can
change both per event on the "Meldingsvoorkeuren" page.
"""

from __future__ import annotations

from dataclasses import dataclass

from proeftuin.core.service import Registry
from proeftuin.notifications.choices import EmailFrequency


@dataclass(frozen=True)
class NotificationEvent:
    key: str
    label: str
    in_platform: bool = True
    email: str = EmailFrequency.NEVER


events: Registry[NotificationEvent] = Registry("notification events")


class UnknownEvent(LookupError):
    pass


def register_event(
    key: str, label: str, *, in_platform: bool = True, email: str = EmailFrequency.NEVER
) -> NotificationEvent:
    """Declare a kind of notification (once, from the sending app's ``ready()``)."""
    event = NotificationEvent(key, label, in_platform, EmailFrequency(email))
    events.add(key, event)
    return event


def event_get(key: str) -> NotificationEvent:
    if key not in events:
        raise UnknownEvent(f"unknown notification event {key!r}; register it first")
    return events[key]
