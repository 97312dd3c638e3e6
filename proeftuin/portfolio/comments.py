"""Comments on initiatives (``proeftuin.comments``). Comments are internal work talk: only
members of the lead and partner organisations (so the team, who must be members) and
platform administrators read and post them, also on a public initiative; outsiders and
anonymous visitors see no "Reacties" section at all. Editors of the lead remove others'
comments. A new comment tells the team (``initiative.comment``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from proeftuin.comments.service import register_commentable
from proeftuin.notifications.service import register_event
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.permissions import (
    can_publish_initiative,
    can_see_people,
    can_view_initiative,
)

COMMENTED = "initiative.comment"

register_event(COMMENTED, gettext_lazy("Someone commented on an initiative you work on"))


def may_discuss(user, initiative: Initiative) -> bool:
    return can_see_people(user, initiative) and can_view_initiative(user, initiative)[0]


def may_moderate(user, initiative: Initiative) -> bool:
    return can_publish_initiative(user, initiative)[0]


def _url(initiative: Initiative) -> str:
    return reverse("portfolio:detail", args=[initiative.slug])


def _team(initiative: Initiative) -> list:
    return [member.user for member in initiative.team.select_related("user")]


register_commentable(
    Initiative,
    key="initiatief",
    may_discuss=may_discuss,
    may_moderate=may_moderate,
    url=_url,
    participants=_team,
    event=COMMENTED,
)
