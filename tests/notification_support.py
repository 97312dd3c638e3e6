"""Kinds of notification for the tests (the product registers its own from apps)."""

from proeftuin.notifications.events import events
from proeftuin.notifications.service import EmailFrequency, register_event

CASE_CHANGED = "test.case_changed"
DIGESTED = "test.digested"


def register() -> None:
    if CASE_CHANGED not in events:
        register_event(CASE_CHANGED, "Een casus is gewijzigd")
    if DIGESTED not in events:
        register_event(DIGESTED, "Een wekelijkse samenvatting", email=EmailFrequency.DAILY)
