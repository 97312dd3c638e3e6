"""Who may change the organisation registry. Each function returns (allowed, reason)."""

from django.utils.translation import gettext as _

from proeftuin.accounts.service import (
    Role,
    is_platform_admin,
    organisation_ids_with_role,
    role_in,
)


def can_create_organisation(user) -> tuple[bool, str]:
    if is_platform_admin(user) or organisation_ids_with_role(user, Role.CONTRIBUTOR):
        return True, ""
    return False, _("Only contributors can add organisations to the registry.")


def can_edit_organisation(user, organisation) -> tuple[bool, str]:
    if is_platform_admin(user) or (role_in(user, organisation.pk) or 0) >= Role.ORGANISATION_ADMIN:
        return True, ""
    return False, _("Only administrators of this organisation can change its profile.")


def is_programme_manager(user, programme) -> bool:
    """Whether ``user`` (active) is one of the managers of ``programme``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return programme.managers.filter(pk=user.pk).exists()


def can_manage_programme(user, programme) -> tuple[bool, str]:
    """Programme managers and platform administrators act for a programme."""
    if is_platform_admin(user) or is_programme_manager(user, programme):
        return True, ""
    return False, _("Only the managers of this programme can do this.")
