"""Reads about users' roles. Results are cached on the user object for one request."""

from __future__ import annotations

from proeftuin.accounts.choices import PlatformRoleKind
from proeftuin.accounts.models import Membership, PlatformRole, Role


def roles_by_organisation(user) -> dict[int, int]:
    """``{organisation_id: role}`` for an authenticated user; empty for anonymous visitors."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, "_proeftuin_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._proeftuin_roles = cached
    return cached


def remember_roles(users) -> None:
    """Fetch the roles of all ``users`` in one query and keep them on each user, as
    ``roles_by_organisation`` does for one (a page that checks many people at once)."""
    waiting = {
        u.pk: u
        for u in users
        if getattr(u, "is_authenticated", False) and getattr(u, "_proeftuin_roles", None) is None
    }
    if not waiting:
        return
    found: dict[int, dict[int, int]] = {pk: {} for pk in waiting}
    rows = Membership.objects.filter(user_id__in=waiting)
    for user_id, organisation_id, role in rows.values_list("user_id", "organisation_id", "role"):
        found[user_id][organisation_id] = role
    for pk, user in waiting.items():
        user._proeftuin_roles = found[pk]


def organisation_ids_with_role(user, minimum: Role) -> list[int]:
    return sorted(org for org, role in roles_by_organisation(user).items() if role >= minimum)


def role_in(user, organisation_id: int | None) -> int | None:
    if organisation_id is None:
        return None
    return roles_by_organisation(user).get(organisation_id)


def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_platform_rights)


def platform_roles(user) -> frozenset[str]:
    """The platform-wide roles (``PlatformRoleKind`` values) of an active user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_proeftuin_platform_roles", None)
    if cached is None:
        cached = frozenset(PlatformRole.objects.filter(user=user).values_list("role", flat=True))
        user._proeftuin_platform_roles = cached
    return cached


def has_platform_role(user, role: PlatformRoleKind | str) -> bool:
    """Whether ``user`` holds the platform-wide ``role``. Platform administrators hold every
    role's rights without a grant."""
    return is_platform_admin(user) or str(role) in platform_roles(user)


def second_factor_required(user) -> bool:
    """Two-factor authentication is required for platform administrators, anyone who may use
    the admin, and administrators of any organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff or user.is_platform_admin:
        return True
    return any(role >= Role.ORGANISATION_ADMIN for role in roles_by_organisation(user).values())
