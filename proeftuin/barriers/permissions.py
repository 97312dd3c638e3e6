"""Who may do what in the barrier register. Each function returns (allowed, reason).

Register stewards (platform administrators and holders of the platform role "reviewer")
moderate public reports, manage every authority and its contacts and merge any two
barriers; organisation administrators record authorities and change the ones of their
organisation or recorded by them. Editors of the recording organisation, and the person
who recorded a barrier while still a contributor there, edit it. The contacts of its
authority move it (escalated, being resolved, resolved, assumed rather than real).
Linking an initiative or a case needs the right to edit that initiative or case."""

from __future__ import annotations

from django.utils.translation import gettext as _

from proeftuin.accounts.service import (
    PlatformRoleKind,
    Role,
    has_platform_role,
    is_platform_admin,
    organisation_ids_with_role,
    role_in,
)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_steward(user) -> bool:
    return _active(user) and (
        is_platform_admin(user) or has_platform_role(user, PlatformRoleKind.REVIEWER)
    )


def can_create_barrier(user, owner=None) -> tuple[bool, str]:
    refused = _("Only contributors of an organisation can record a barrier.")
    if not _active(user):
        return False, refused
    if is_platform_admin(user):
        return True, ""
    allowed = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    if not allowed or (owner is not None and owner.pk not in allowed):
        return False, refused
    return True, ""


def can_edit_barrier(user, barrier) -> tuple[bool, str]:
    refused = _("Only editors of the recording organisation and stewards can change this barrier.")
    if not _active(user):
        return False, refused
    if is_steward(user):
        return True, ""
    role = role_in(user, barrier.owner_id) or 0 if barrier.owner_id else 0
    if role >= Role.EDITOR or (role >= Role.CONTRIBUTOR and barrier.created_by_id == user.pk):
        return True, ""
    return False, refused


def is_authority_contact(user, barrier) -> bool:
    return bool(
        _active(user)
        and barrier.authority_id
        and barrier.authority.contacts.filter(pk=user.pk).exists()
    )


def can_move_barrier(user, barrier) -> tuple[bool, str]:
    if can_edit_barrier(user, barrier)[0] or is_authority_contact(user, barrier):
        return True, ""
    return False, _("Only editors, stewards and the authority's contacts can change the status.")


def can_merge_barriers(user, barrier, into) -> tuple[bool, str]:
    if can_edit_barrier(user, barrier)[0] and can_edit_barrier(user, into)[0]:
        return True, ""
    return False, _("You may only merge barriers you can both change.")


def can_moderate_reports(user) -> tuple[bool, str]:
    if is_steward(user):
        return True, ""
    return False, _("Only stewards of the register moderate reports.")


def _administered(user) -> set[int]:
    if not _active(user):
        return set()
    return set(organisation_ids_with_role(user, Role.ORGANISATION_ADMIN))


def can_create_authority(user, organisation=None) -> tuple[bool, str]:
    """Stewards; organisation administrators, for no organisation in the platform or for
    one they administer."""
    if is_steward(user):
        return True, ""
    administered = _administered(user)
    if administered and (organisation is None or organisation.pk in administered):
        return True, ""
    if administered:
        return False, _("You may only tie an authority to an organisation you administer.")
    return False, _("Only stewards and organisation administrators record authorities.")


def can_edit_authority(user, authority) -> tuple[bool, str]:
    """Stewards; administrators of the authority's organisation; the administrator who
    recorded it while still an administrator of some organisation."""
    if is_steward(user):
        return True, ""
    administered = _administered(user)
    if administered and (
        authority.organisation_id in administered or authority.created_by_id == user.pk
    ):
        return True, ""
    return False, _(
        "Only stewards, the administrators of its organisation and whoever recorded it "
        "change this authority."
    )


def can_set_authority_contacts(user) -> tuple[bool, str]:
    """The contacts may move every barrier routed to the authority: stewards choose them."""
    if is_steward(user):
        return True, ""
    return False, _("Only stewards of the register choose an authority's contacts.")


def can_link_subject(user, subject) -> tuple[bool, str]:
    """Whether ``user`` may link (or decide a suggested link of) an initiative or a case."""
    from proeftuin.cases.service import Case, can_edit_case
    from proeftuin.portfolio.service import can_edit_initiative

    if not _active(user):
        return False, _("Sign in to link a barrier.")
    check = can_edit_case if isinstance(subject, Case) else can_edit_initiative
    allowed, _reason = check(user, subject)
    if allowed:
        return True, ""
    return False, _("Only who may change the initiative or case can link it to a barrier.")
