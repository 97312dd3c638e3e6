"""The notification events of groups (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from proeftuin.notifications.service import register_event

INVITED = "circle.invitation"
REQUESTED = "circle.request"
DECIDED = "circle.request_decided"
JOINED = "circle.joined"
MEETING = "circle.meeting"
QUESTION = "circle.question"
ANSWERED = "circle.answer"

register_event(INVITED, _("You were invited to a reference group or learning circle"))
register_event(REQUESTED, _("Someone asks to join a group you host"))
register_event(DECIDED, _("Your request to join a group was decided"))
register_event(JOINED, _("Someone joined a group you host"))
register_event(MEETING, _("A new meeting in a group you are a member of"))
register_event(QUESTION, _("A new question in a group you are a member of"))
register_event(ANSWERED, _("An answer or comment in a group you are a member of"))
