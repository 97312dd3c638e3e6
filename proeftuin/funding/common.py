"""Small helpers every funding service uses: audit snapshots, the row lock with the
version check, and the content domain."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from proeftuin.core.service import ConflictError, content_changed


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


def changed() -> None:
    content_changed("funding")
