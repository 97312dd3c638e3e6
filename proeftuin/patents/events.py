"""The notification events of innovation patents (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from proeftuin.notifications.service import register_event

AWARDED = "patent.awarded"
CLAIM_REQUESTED = "patent.claim_requested"
CLAIM_DECIDED = "patent.claim_decided"

register_event(AWARDED, _("Your organisation was awarded an innovation patent"))
register_event(CLAIM_REQUESTED, _("A patent reward is claimed in a programme you manage"))
register_event(CLAIM_DECIDED, _("A patent reward of your organisation was paid or rejected"))
