"""Public interface of the core app for other apps."""

from proeftuin.core.audit import audit_history, audit_record, diff_snapshots
from proeftuin.core.errors import (
    ConflictError,
    DomainError,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
)
from proeftuin.core.models import AuditEntry, BaseModel
from proeftuin.core.registry import Registry

__all__ = [
    "AuditEntry",
    "BaseModel",
    "ConflictError",
    "DomainError",
    "DuplicateError",
    "NotAllowed",
    "Registry",
    "ValidationFailed",
    "audit_history",
    "audit_record",
    "diff_snapshots",
]
