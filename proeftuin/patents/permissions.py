"""Who may do what with innovation patents: ``can_<verb>_<entity>(user, obj) ->
(allowed, reason)``.

Programme managers (with platform administrators) award patents and decide claims; the
innovator organisation's editors record introduction meetings and request claims."""

from __future__ import annotations

from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, is_platform_admin, role_in
from proeftuin.organisations.service import can_manage_programme


def can_award_patent(user, programme) -> tuple[bool, str]:
    allowed, _reason = can_manage_programme(user, programme)
    if allowed:
        return True, ""
    return False, _("Only the managers of this programme can award an innovation patent.")


def can_decide_claims(user, patent) -> tuple[bool, str]:
    allowed, _reason = can_manage_programme(user, patent.programme)
    if allowed:
        return True, ""
    return False, _("Only the managers of the programme can decide on patent rewards.")


def can_act_for_innovator(user, patent) -> tuple[bool, str]:
    """Record introduction meetings and request claims."""
    if is_platform_admin(user) or (role_in(user, patent.innovator_id) or 0) >= Role.EDITOR:
        return True, ""
    return False, _("Only editors of the innovator organisation can do this.")
