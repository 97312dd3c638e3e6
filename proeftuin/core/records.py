"""Small helpers of every service that changes a versioned record: the values the audit
trail stores, and the row lock with the version check (two people saving at once: the
second is told, nothing is overwritten)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from proeftuin.core.errors import ConflictError


def plain(value):
    """A value as the audit trail stores it (dates as ISO text, amounts and keys as text)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    return value


def snapshot(obj, fields) -> dict:
    return {name: plain(getattr(obj, name)) for name in fields}


def locked(model, obj, expected_version=None):
    """``obj``'s row, locked for this transaction; ``ConflictError`` when someone saved it
    after ``expected_version`` (default: the version ``obj`` was loaded with)."""
    row = model.objects.select_for_update().get(pk=obj.pk)
    expected = obj.version if expected_version is None else int(expected_version)
    if row.version != expected:
        raise ConflictError(
            _("Someone else changed this after you opened it. Reload the page and try again.")
        )
    return row


def update_versioned(*, actor, model, obj, fields, values: dict, errors_of, expected_version=None):
    """Change the ``fields`` named in ``values`` of ``obj``'s locked row: refused with
    ``errors_of(merged values)`` (``{field: [Dutch messages]}``) when not valid, otherwise
    saved with the next version and audited (before and after). Call inside a transaction."""
    from proeftuin.core.audit import audit_record
    from proeftuin.core.errors import ValidationFailed
    from proeftuin.core.models import AuditEntry

    row = locked(model, obj, expected_version)
    before = snapshot(row, fields)
    errors = errors_of({**{name: getattr(row, name) for name in fields}, **values})
    if errors:
        raise ValidationFailed(field_errors=errors)
    for name in fields:
        if name in values:
            setattr(row, name, values[name])
    row.version += 1
    row.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=row,
        before=before,
        after=snapshot(row, fields),
    )
    return row
