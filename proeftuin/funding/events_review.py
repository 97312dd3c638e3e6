"""The notification events of reviews (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from proeftuin.notifications.service import EmailFrequency, register_event

ASSIGNED = "funding.review_assigned"
ALL_IN = "funding.reviews_complete"

register_event(ASSIGNED, _("You are asked to review an application"), email=EmailFrequency.DAILY)
register_event(ALL_IN, _("All reviews of an application in a fund you manage are in"))
