"""Who may upload and review. Each function returns (allowed, reason)."""

from django.utils.translation import gettext as _

from proeftuin.accounts.service import (
    Role,
    is_platform_admin,
    organisation_ids_with_role,
    role_in,
)


def can_upload(user, owner=None) -> tuple[bool, str]:
    if is_platform_admin(user):
        return True, ""
    allowed = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    if not allowed or (owner is not None and owner.pk not in allowed):
        return False, _("Only contributors of an organisation can upload documents.")
    return True, ""


def can_review(user, source) -> tuple[bool, str]:
    if is_platform_admin(user) or (
        getattr(user, "is_authenticated", False) and source.uploaded_by_id == user.pk
    ):
        return True, ""
    if source.owner_id and (role_in(user, source.owner_id) or 0) >= Role.EDITOR:
        return True, ""
    return False, _("Only the uploader and editors of the organisation can review.")
