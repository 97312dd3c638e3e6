"""Reads about users' roles. Results are cached on the user object for one request."""

from __future__ import annotations

from proeftuin.accounts.models import Membership, Role


def roles_by_organisation(user) -> dict[int, int]:
    """``{organisation_id: role}`` for an authenticated user; empty for anonymous visitors."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, "_proeftuin_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._proeftuin_roles = cached
    return cached


def organisation_ids_with_role(user, minimum: Role) -> list[int]:
    return sorted(org for org, role in roles_by_organisation(user).items() if role >= minimum)


def role_in(user, organisation_id: int | None) -> int | None:
    if organisation_id is None:
        return None
    return roles_by_organisation(user).get(organisation_id)


def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_platform_rights)
