"""Public interface of the accounts app for other apps."""

from proeftuin.accounts.choices import PlatformRoleKind
from proeftuin.accounts.models import Role, User
from proeftuin.accounts.selectors import (
    has_platform_role,
    is_platform_admin,
    organisation_ids_with_role,
    platform_roles,
    remember_roles,
    role_in,
    roles_by_organisation,
    second_factor_required,
)
from proeftuin.accounts.services import (
    membership_revoke,
    membership_set,
    platform_role_grant,
    platform_role_revoke,
    user_create,
    user_save,
)

__all__ = [
    "PlatformRoleKind",
    "Role",
    "User",
    "has_platform_role",
    "is_platform_admin",
    "membership_revoke",
    "membership_set",
    "organisation_ids_with_role",
    "platform_role_grant",
    "platform_role_revoke",
    "platform_roles",
    "remember_roles",
    "role_in",
    "roles_by_organisation",
    "second_factor_required",
    "user_create",
    "user_save",
]
