"""Writes: users, memberships and platform roles, each permission-checked and audited.

``actor=None`` is the system itself (the demo loader, management commands); every page and
the admin pass the signed-in user, whose rights are checked."""

from __future__ import annotations

from django.db import transaction

from proeftuin.accounts.choices import PlatformRoleKind
from proeftuin.accounts.models import Membership, PlatformRole, Role, User
from proeftuin.accounts.permissions import (
    can_manage_memberships,
    can_manage_platform_roles,
    can_manage_users,
)
from proeftuin.core.service import AuditEntry, NotAllowed, audit_record, content_changed

ACCOUNT_FIELDS = ("username", "email", "is_active", "is_staff", "is_superuser", "is_platform_admin")


def _check(permission: tuple[bool, str]) -> None:
    allowed, reason = permission
    if not allowed:
        raise NotAllowed(reason)


def _forget_roles(user: User) -> None:
    user.__dict__.pop("_proeftuin_roles", None)
    user.__dict__.pop("_proeftuin_platform_roles", None)


@transaction.atomic
def membership_set(*, user: User, organisation, role: Role, actor=None) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (create or change the membership)."""
    if actor is not None:
        _check(can_manage_memberships(actor, organisation))
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    before = {"role": None if created else membership.role}
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=membership,
        before=before,
        after={"role": int(role), "user": user.username, "organisation": str(organisation)},
    )
    _forget_roles(user)
    content_changed("memberships")
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    """Take the user's role in the organisation away (delete the membership)."""
    if actor is not None:
        _check(can_manage_memberships(actor, membership.organisation))
    membership = (
        Membership.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=membership.pk)
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=membership,
        before={
            "role": membership.role,
            "user": membership.user.username,
            "organisation": str(membership.organisation),
        },
    )
    membership.delete()
    _forget_roles(membership.user)
    content_changed("memberships")


@transaction.atomic
def platform_role_grant(*, actor, user: User, role: PlatformRoleKind | str) -> PlatformRole:
    """Grant a platform-wide role; granting a role the user holds already changes nothing."""
    _check(can_manage_platform_roles(actor))
    grant, created = PlatformRole.objects.get_or_create(
        user=user, role=str(role), defaults={"granted_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=grant,
            after={"role": grant.role, "user": user.username},
        )
    _forget_roles(user)
    return grant


@transaction.atomic
def platform_role_revoke(*, actor, grant: PlatformRole) -> None:
    _check(can_manage_platform_roles(actor))
    grant = PlatformRole.objects.select_for_update().select_related("user").get(pk=grant.pk)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=grant,
        before={"role": grant.role, "user": grant.user.username},
    )
    grant.delete()
    _forget_roles(grant.user)


def user_snapshot(user: User) -> dict:
    return {field: getattr(user, field) for field in ACCOUNT_FIELDS}


@transaction.atomic
def user_save(*, actor, user: User) -> User:
    """Save an account as an administrator changed it. Changes of the administrator flags
    and deactivation (``is_active``) are audited; a deactivated user's sessions and API
    tokens are refused from the next request on (the authentication backends check it)."""
    _check(can_manage_users(actor))
    created = user.pk is None
    before = {} if created else user_snapshot(User.objects.get(pk=user.pk))
    user.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=user,
        before=before,
        after=user_snapshot(user),
    )
    return user


@transaction.atomic
def user_create(*, username: str, password: str | None, email: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=password, email=email, **extra)
    audit_record(actor=None, action=AuditEntry.Action.CREATE, obj=user, after=user_snapshot(user))
    return user
