"""The audit trail: changes recorded explicitly from services (a snapshot before and after),
and account events (sign-ins, lockouts, second factors, passwords) with who, when and where."""

from __future__ import annotations

from typing import Any

from proeftuin.core.models import AuditEntry


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return ``{field: [old, new]}`` for every key whose value differs."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _object_key(obj) -> dict[str, Any]:
    """How an entry names ``obj``: its uuid (when it has one) and its primary key."""
    if obj is None:
        return {"object_type": "", "object_uuid": None, "object_pk": ""}
    uuid = getattr(obj, "uuid", None)
    return {
        "object_type": obj._meta.label_lower,
        "object_uuid": uuid,
        "object_pk": str(obj.pk),
    }


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def audit_record(
    *,
    actor,
    action: str,
    obj,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry | None:
    """Store one audit entry; an update that changed nothing is not recorded."""
    changes = diff_snapshots(before or {}, after or {})
    if action == AuditEntry.Action.UPDATE and not changes:
        return None
    return AuditEntry.objects.create(
        actor=_actor(actor),
        action=action,
        object_repr=str(obj)[:300],
        changes=changes,
        **_object_key(obj),
    )


def audit_event(
    *,
    actor,
    action: str,
    obj=None,
    object_repr: str = "",
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Store one event that is not a change of fields, e.g. a sign-in. ``details`` are
    stored as given: never pass a password, token or code."""
    return AuditEntry.objects.create(
        actor=_actor(actor),
        action=action,
        object_repr=(object_repr or ("" if obj is None else str(obj)))[:300],
        changes=details or {},
        ip_address=ip_address or None,
        **_object_key(obj),
    )


def audit_history(obj):
    """The audit entries of one object, newest first."""
    key = _object_key(obj)
    lookup = (
        {"object_uuid": key["object_uuid"]}
        if key["object_uuid"]
        else {"object_pk": key["object_pk"]}
    )
    return AuditEntry.objects.filter(object_type=key["object_type"], **lookup).select_related(
        "actor"
    )
