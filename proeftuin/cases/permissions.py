"""Who may do what with a case. Each function returns (allowed, reason)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role, role_in
from proeftuin.cases.choices import EditorialStatus


def can_view_case(user, case) -> tuple[bool, str]:
    from proeftuin.cases.models import Case

    if Case.objects.visible_to(user).filter(pk=case.pk).exists():
        return True, ""
    return False, _("This case does not exist or is not visible to you.")


def can_create_case(user, owner=None) -> tuple[bool, str]:
    if is_platform_admin(user):
        return True, ""
    allowed = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    if not allowed:
        return False, _("Only contributors of an organisation can add cases.")
    if owner is not None and owner.pk not in allowed:
        return False, _("You can only add cases for an organisation where you are a contributor.")
    return True, ""


def can_lead_case(user, organisation, *, publish: bool = False) -> tuple[bool, str]:
    """Naming ``organisation`` as a case's lead: only where the user holds the role the
    write needs (contributor for a draft, editor to publish). Other organisations and
    partners may be named freely; they get no ownership."""
    if is_platform_admin(user):
        return True, ""
    needed = Role.EDITOR if publish else Role.CONTRIBUTOR
    if (role_in(user, organisation.pk) or 0) >= needed:
        return True, ""
    if publish:
        return False, _("Only editors of the lead organisation can publish a case.")
    return False, _("You can only name an organisation where you are a contributor as lead.")


def can_edit_case(user, case) -> tuple[bool, str]:
    if is_platform_admin(user):
        return True, ""
    role = role_in(user, case.owner_id) or 0
    if role >= Role.EDITOR:
        return True, ""
    own_draft = case.created_by_id == user.pk and case.status != EditorialStatus.PUBLISHED
    if role >= Role.CONTRIBUTOR and own_draft:
        return True, ""
    return False, _("Only editors of the owning organisation can change this case.")


def can_publish_case(user, case) -> tuple[bool, str]:
    if is_platform_admin(user) or (role_in(user, case.owner_id) or 0) >= Role.EDITOR:
        return True, ""
    return False, _("Only editors can publish a case.")


def can_see_people(user, case) -> bool:
    """Names of people are personal data: members of the owner and platform admins only."""
    return is_platform_admin(user) or role_in(user, case.owner_id) is not None


def can_archive_case(user, case) -> tuple[bool, str]:
    """Archiving and un-archiving: editors of the owner and platform administrators."""
    if is_platform_admin(user) or (role_in(user, case.owner_id) or 0) >= Role.EDITOR:
        return True, ""
    return False, _("Only editors of the owning organisation can archive a case.")
