"""The groups' sections of "Mijn werk": invitations to answer, requests to decide (for
hosts) and one's own groups."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.circles.selectors import circles_of_member, invitations_for, requests_to_decide
from proeftuin.core.service import WorkItem, register_work, work_section


def _invitation_item(invitation) -> WorkItem:
    return WorkItem(
        title=invitation.circle.title,
        url=reverse("circles:mine") + f"#uitnodiging-{invitation.uuid}",
        detail=_("%(kind)s · invited by %(name)s")
        % {
            "kind": invitation.circle.get_kind_display(),
            "name": invitation.invited_by.get_full_name() or invitation.invited_by.username
            if invitation.invited_by
            else "",
        },
    )


@register_work("circles.invitations", order=30)
def invitations_to_answer(user):
    title, empty = _("Invitations to groups"), _("No invitation is waiting for you.")
    return work_section("circle-invitations", title, empty, invitations_for(user), _invitation_item)


def _request_item(join) -> WorkItem:
    return WorkItem(
        title=join.circle.title,
        url=reverse("circles:detail", args=[join.circle.uuid]) + "#aanvragen",
        detail=_("%(name)s (%(organisation)s) asks to join")
        % {
            "name": join.user.get_full_name() or join.user.username,
            "organisation": join.organisation,
        },
    )


@register_work("circles.requests", order=31)
def requests_to_answer(user):
    title, empty = _("Requests to join your groups"), _("No request is waiting for you.")
    return work_section("circle-requests", title, empty, requests_to_decide(user), _request_item)


def _circle_item(circle) -> WorkItem:
    return WorkItem(
        title=circle.title,
        url=reverse("circles:detail", args=[circle.uuid]),
        detail=f"{circle.get_kind_display()} · {circle.owner.name}",
    )


@register_work("circles.mine", order=60)
def my_groups(user):
    title, empty = (
        _("Your groups"),
        _("You are not a member of a reference group or learning circle."),
    )
    return work_section(
        "circles",
        title,
        empty,
        circles_of_member(user),
        _circle_item,
        more_url=reverse("circles:mine"),
    )
