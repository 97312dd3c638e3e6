"""Answers to a group's questions are comments (``proeftuin.comments``): members (and
platform administrators) read and post them, hosts remove others', every member hears of
a new answer (``circle.answer``). Also on an open group, only members take part."""

from __future__ import annotations

from django.urls import reverse

from proeftuin.circles.events import ANSWERED
from proeftuin.circles.models import Question
from proeftuin.circles.permissions import can_manage_circle, can_take_part
from proeftuin.comments.service import register_commentable


def may_discuss(user, question: Question) -> bool:
    return can_take_part(user, question.circle)[0]


def may_moderate(user, question: Question) -> bool:
    return can_manage_circle(user, question.circle)[0]


def _url(question: Question) -> str:
    return reverse("circles:question", args=[question.circle.uuid, question.uuid])


def _members(question: Question) -> list:
    return [m.user for m in question.circle.members.select_related("user")]


register_commentable(
    Question,
    key="groepsvraag",
    may_discuss=may_discuss,
    may_moderate=may_moderate,
    url=_url,
    participants=_members,
    event=ANSWERED,
)
