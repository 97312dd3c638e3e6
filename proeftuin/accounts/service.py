"""Public interface of the accounts app for other apps."""

from proeftuin.accounts.models import Role
from proeftuin.accounts.selectors import (
    is_platform_admin,
    organisation_ids_with_role,
    role_in,
    roles_by_organisation,
)
from proeftuin.accounts.services import membership_set, user_create

__all__ = [
    "Role",
    "is_platform_admin",
    "membership_set",
    "organisation_ids_with_role",
    "role_in",
    "roles_by_organisation",
    "user_create",
]
