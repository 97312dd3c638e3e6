"""Writes: users and memberships."""

from __future__ import annotations

from django.db import transaction

from proeftuin.accounts.models import Membership, Role, User
from proeftuin.core.service import AuditEntry, audit_record


@transaction.atomic
def membership_set(*, user: User, organisation, role: Role, actor=None) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (create or change the membership)."""
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
        after={"role": int(role)},
    )
    user.__dict__.pop("_proeftuin_roles", None)
    return membership


@transaction.atomic
def user_create(*, username: str, password: str | None, email: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=password, email=email, **extra)
    audit_record(
        actor=None, action=AuditEntry.Action.CREATE, obj=user, after={"username": username}
    )
    return user
