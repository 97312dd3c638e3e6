"""Who may do what with a group: ``can_<verb>_<entity>(user, obj) -> (allowed, reason)``.

Members read; hosts (the innovator, with platform administrators) manage the group, its
members, requests, invitations and meetings; every member keeps the notes of a meeting,
adds documents, asks questions and answers them, and sets their own implementation
status."""

from __future__ import annotations

from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.cases.service import can_edit_case
from proeftuin.circles.choices import MemberRole
from proeftuin.circles.querysets import active


def current_membership(user, circle):
    """``user``'s membership of ``circle`` while they hold a role in its organisation."""
    if not active(user):
        return None
    organisations = organisation_ids_with_role(user, Role.VIEWER)
    return circle.members.filter(user=user, organisation_id__in=organisations).first()


def is_member(user, circle) -> bool:
    return current_membership(user, circle) is not None


def is_host(user, circle) -> bool:
    membership = current_membership(user, circle)
    return membership is not None and membership.role == MemberRole.HOST


def can_view_circle(user, circle) -> tuple[bool, str]:
    from proeftuin.circles.models import Circle

    if Circle.objects.visible_to(user).filter(pk=circle.pk).exists():
        return True, ""
    return False, _("This group does not exist or is not visible to you.")


def can_create_circle(user, innovation) -> tuple[bool, str]:
    """Who may change the innovation starts a group around it (and hosts it)."""
    from proeftuin.portfolio.service import Initiative, can_edit_initiative

    if not active(user):
        return False, _("Sign in to start a group.")
    check = can_edit_initiative if isinstance(innovation, Initiative) else can_edit_case
    if check(user, innovation)[0]:
        return True, ""
    return False, _("Only who may change this innovation can start a group around it.")


def can_manage_circle(user, circle) -> tuple[bool, str]:
    if is_platform_admin(user) or is_host(user, circle):
        return True, ""
    return False, _("Only the hosts of this group can do this.")


def can_take_part(user, circle) -> tuple[bool, str]:
    """Keep meeting notes, add documents, ask and answer questions."""
    if is_platform_admin(user) or is_member(user, circle):
        return True, ""
    return False, _("Only members of this group can do this.")


def can_edit_member(user, member) -> tuple[bool, str]:
    """A member sets their own status; hosts set everyone's."""
    if active(user) and member.user_id == user.pk and is_member(user, member.circle):
        return True, ""
    return can_manage_circle(user, member.circle)


def innovation_visible(user, circle) -> bool:
    """Whether ``user`` may see the initiative or case the group is about."""
    from proeftuin.circles.models import Circle
    from proeftuin.circles.querysets import innovation_q

    return Circle.objects.filter(pk=circle.pk).filter(innovation_q(user)).exists()
