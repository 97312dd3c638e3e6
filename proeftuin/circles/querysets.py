"""Circle QuerySet. ``visible_to`` is the one place where a group's visibility is decided.

A group is read by its members: a person stays a member while they hold a current role in
the organisation they joined for (a membership whose role was revoked, or an account
deactivated, reads nothing more). Beside them the group's ``openness`` decides: ``members``
(nobody else), ``signed_in`` (every active signed-in user) or ``public`` (everyone, also
anonymous visitors); an open group is read only by who may also see its innovation, so a
group never reveals an initiative or case someone may not see. Platform administrators
see every group. The rule is a ``VisibilityRule`` of ``proeftuin.core.visibility`` (its
``public`` part) with the membership and the signed-in part added, like initiatives add
their team.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from proeftuin.core.service import VisibilityRule, VisibleQuerySet

CIRCLE_VISIBILITY = VisibilityRule(public=Q(openness="public"))


def active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def member_circle_ids(user):
    """The groups ``user`` is a current member of (a values query)."""
    from proeftuin.accounts.service import Role, organisation_ids_with_role
    from proeftuin.circles.models import CircleMember

    organisations = organisation_ids_with_role(user, Role.VIEWER) if active(user) else []
    return CircleMember.objects.filter(user=user, organisation_id__in=organisations).values(
        "circle_id"
    )


def innovation_q(user) -> Q:
    from proeftuin.cases.service import case_visible
    from proeftuin.portfolio.service import initiative_visible

    return Q(initiative__in=initiative_visible(user).values("pk")) | Q(
        case__in=case_visible(user).values("pk")
    )


class CircleQuerySet(VisibleQuerySet):
    rule = CIRCLE_VISIBILITY

    def visible_to(self, user) -> CircleQuerySet:
        condition = self.rule.q(user)
        if condition is None:
            return self
        if not active(user):
            return self.filter(condition & innovation_q(user))
        condition = (condition | Q(openness="signed_in")) & innovation_q(user)
        return self.filter(condition | Q(pk__in=member_circle_ids(user)))


class InvitationQuerySet(models.QuerySet):
    """An invitation is seen by its invitee while it is pending (it names a group they may
    not read yet) and by whoever reads its group; so a notification of an invitation shows
    its title to no one else, and no longer to an invitee who lost access."""

    def visible_to(self, user) -> InvitationQuerySet:
        from proeftuin.accounts.service import is_platform_admin
        from proeftuin.circles.models import Circle

        if is_platform_admin(user):
            return self
        if not active(user):
            return self.none()
        readable = Circle.objects.visible_to(user).values("pk")
        return self.filter(Q(user=user, state="pending") | Q(circle__in=readable))
