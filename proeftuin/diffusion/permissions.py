"""Who may do what with an adoption. Each function returns (allowed, reason)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, is_platform_admin, role_in


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_adopt_for(user, organisation) -> tuple[bool, str]:
    """Recording an adoption for ``organisation``: its editors and platform administrators."""
    if _active(user) and (
        is_platform_admin(user) or (role_in(user, organisation.pk) or 0) >= Role.EDITOR
    ):
        return True, ""
    return False, _("Only editors of the adopting organisation can record its adoptions.")


def can_edit_adoption(user, adoption) -> tuple[bool, str]:
    """Changing an adoption (status, adaptations, outcomes, withdrawing): editors of the
    adopter and platform administrators."""
    allowed, _reason = can_adopt_for(user, adoption.adopter)
    if allowed:
        return True, ""
    return False, _("Only editors of the adopting organisation can change this adoption.")


def can_start_adoption(user) -> bool:
    """Whether to show "Wij willen dit ook": the user edits at least one organisation."""
    from proeftuin.accounts.service import organisation_ids_with_role

    return _active(user) and (
        is_platform_admin(user) or bool(organisation_ids_with_role(user, Role.EDITOR))
    )
