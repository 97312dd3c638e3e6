"""Record changes explicitly from services (no signals): a snapshot before and after."""

from __future__ import annotations

from typing import Any

from proeftuin.core.models import AuditEntry


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return ``{field: [old, new]}`` for every key whose value differs."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


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
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_uuid=obj.uuid,
        object_repr=str(obj)[:300],
        changes=changes,
    )


def audit_history(obj):
    """The audit entries of one object, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_uuid=obj.uuid
    ).select_related("actor")
