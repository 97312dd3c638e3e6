"""Who may change accounts and roles. Each function returns (allowed, reason)."""

from django.utils.translation import gettext as _

from proeftuin.accounts.models import Role
from proeftuin.accounts.selectors import is_platform_admin, role_in, second_factor_required


def can_manage_memberships(user, organisation) -> tuple[bool, str]:
    if is_platform_admin(user) or (role_in(user, organisation.pk) or 0) >= Role.ORGANISATION_ADMIN:
        return True, ""
    return False, _("Only administrators of this organisation can change its members' roles.")


def can_manage_platform_roles(user) -> tuple[bool, str]:
    if is_platform_admin(user):
        return True, ""
    return False, _("Only platform administrators can grant or revoke platform roles.")


def can_manage_users(user) -> tuple[bool, str]:
    if is_platform_admin(user):
        return True, ""
    return False, _("Only platform administrators can change accounts.")


def can_remove_second_factor(user, target) -> tuple[bool, str]:
    if user.pk == target.pk and second_factor_required(target):
        return False, _("Two-factor authentication is required for your account.")
    if user.pk == target.pk or is_platform_admin(user):
        return True, ""
    return False, _("You can only change your own two-factor authentication.")
