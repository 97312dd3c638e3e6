"""Who may do what with an initiative. Each function returns (allowed, reason)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from proeftuin.accounts.service import (
    Role,
    is_platform_admin,
    organisation_ids_with_role,
    role_in,
    roles_by_organisation,
)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def initiative_organisation_ids(initiative) -> set[int]:
    """The lead organisation and the chain partners."""
    return {initiative.owner_id, *(p.pk for p in initiative.partners.all())}


def is_organisation_member(user, initiative) -> bool:
    """Whether ``user`` currently has a role in the lead or a partner organisation."""
    return bool(set(roles_by_organisation(user)) & initiative_organisation_ids(initiative))


def team_roles(user, initiative) -> set[str]:
    """The roles ``user`` has on the team of ``initiative`` (no matter their memberships);
    read from the team loaded with the initiative when it was (``prefetch_related``)."""
    if "team" in getattr(initiative, "_prefetched_objects_cache", {}):
        return {member.role for member in initiative.team.all() if member.user_id == user.pk}
    return set(initiative.team.filter(user=user).values_list("role", flat=True))


def is_current_team_member(user, initiative) -> bool:
    """On the team and still a member of the lead or a partner organisation."""
    if not _active(user) or not is_organisation_member(user, initiative):
        return False
    return bool(team_roles(user, initiative))


def can_see_people(user, initiative) -> bool:
    """Names of team members and reflection authors are personal data: members of the
    lead or a partner organisation and platform administrators only."""
    return is_platform_admin(user) or (_active(user) and is_organisation_member(user, initiative))


UNSEEN = object()  # not read through ``visible_to`` of anyone in this request


def seen_by(initiative, user) -> None:
    """Mark ``initiative`` as read through ``visible_to(user)`` in this request, so that
    :func:`can_view_initiative` need not ask the database again (a page asks several times)."""
    initiative._seen_by = getattr(user, "pk", None)


def can_view_initiative(user, initiative) -> tuple[bool, str]:
    from proeftuin.portfolio.models import Initiative

    if getattr(initiative, "_seen_by", UNSEEN) == getattr(user, "pk", None):
        return True, ""
    if Initiative.objects.visible_to(user).filter(pk=initiative.pk).exists():
        return True, ""
    return False, _("This initiative does not exist or is not visible to you.")


def can_create_initiative(user, owner=None) -> tuple[bool, str]:
    if is_platform_admin(user):
        return True, ""
    allowed = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    if not allowed:
        return False, _("Only contributors of an organisation can start an initiative.")
    if owner is not None and owner.pk not in allowed:
        return False, _(
            "You can only start an initiative for an organisation where you are a contributor."
        )
    return True, ""


def can_edit_initiative(user, initiative) -> tuple[bool, str]:
    """Editors of the lead organisation, and the initiative's owner and team members
    while they are still members of the lead or a partner organisation."""
    refused = _("Only the team and editors of the lead organisation can change this initiative.")
    if not _active(user):
        return False, refused
    if is_platform_admin(user) or (role_in(user, initiative.owner_id) or 0) >= Role.EDITOR:
        return True, ""
    if is_current_team_member(user, initiative):
        return True, ""
    return False, refused


def can_publish_initiative(user, initiative) -> tuple[bool, str]:
    if is_platform_admin(user) or (role_in(user, initiative.owner_id) or 0) >= Role.EDITOR:
        return True, ""
    return False, _("Only editors of the lead organisation can publish an initiative.")
