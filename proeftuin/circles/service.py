"""Public interface of the circles app for other apps."""

from proeftuin.circles.choices import CircleKind, ImplementationStatus, MemberRole, Openness
from proeftuin.circles.models import Circle
from proeftuin.circles.selectors import circle_visible, circles_of_member
from proeftuin.circles.services import (
    circle_create,
    invitation_answer,
    invite,
    member_update,
    request_decide,
    request_join,
)
from proeftuin.circles.services_meetings import meeting_create, meeting_update, question_ask

__all__ = [
    "Circle",
    "CircleKind",
    "ImplementationStatus",
    "MemberRole",
    "Openness",
    "circle_create",
    "circle_visible",
    "circles_of_member",
    "invitation_answer",
    "invite",
    "meeting_create",
    "meeting_update",
    "member_update",
    "question_ask",
    "request_decide",
    "request_join",
]
