"""Who may upload and review. Each function returns (allowed, reason).

Having uploaded a file grants nothing by itself: the uploader reviews it only while still
a contributor of the owning organisation."""

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
    if is_platform_admin(user):
        return True, ""
    role = role_in(user, source.owner_id) or 0
    uploader = source.uploaded_by_id is not None and source.uploaded_by_id == user.pk
    if role >= Role.EDITOR or (uploader and role >= Role.CONTRIBUTOR):
        return True, ""
    return False, _("Only the uploader and editors of the organisation can review.")


def can_delete_source(user, source) -> tuple[bool, str]:
    """Deleting an uploaded document: who may review it (editors of the organisation, the
    uploader while a contributor) and platform administrators."""
    if can_review(user, source)[0]:
        return True, ""
    return False, _("Only the uploader and editors of the organisation can delete a document.")
