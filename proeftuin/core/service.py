"""Public interface of the core app for other apps."""

from proeftuin.core.audit import audit_event, audit_history, audit_record, diff_snapshots
from proeftuin.core.editorial import (
    PUBLISHED_PUBLIC,
    UNPUBLISHED,
    EditorialModel,
    EditorialStatus,
    Visibility,
    editorial_rule,
)
from proeftuin.core.errors import (
    ConflictError,
    DomainError,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
)
from proeftuin.core.generation import (
    UnknownDomain,
    content_changed,
    content_generation,
    register_content_domain,
)
from proeftuin.core.models import AuditEntry, BaseModel
from proeftuin.core.numbers import (
    LocalDecimalField,
    LocalIntegerField,
    format_number,
    json_number,
    parse_decimal,
)
from proeftuin.core.querystrings import querystring_without
from proeftuin.core.registry import Registry
from proeftuin.core.searchable import (
    Faceting,
    Related,
    Searchable,
    SearchOwner,
    SearchText,
    bits,
    faceted,
    kind_of,
    register_searchable,
    searchables,
    with_related,
)
from proeftuin.core.visibility import Grant, VisibilityRule, VisibleQuerySet
from proeftuin.core.work import (
    ITEMS_SHOWN,
    WorkItem,
    WorkSection,
    may_work_on,
    register_work,
    work_for,
    work_section,
)

__all__ = [
    "ITEMS_SHOWN",
    "PUBLISHED_PUBLIC",
    "UNPUBLISHED",
    "AuditEntry",
    "BaseModel",
    "ConflictError",
    "DomainError",
    "DuplicateError",
    "EditorialModel",
    "EditorialStatus",
    "Faceting",
    "Grant",
    "LocalDecimalField",
    "LocalIntegerField",
    "NotAllowed",
    "Registry",
    "Related",
    "SearchOwner",
    "SearchText",
    "Searchable",
    "UnknownDomain",
    "ValidationFailed",
    "Visibility",
    "VisibilityRule",
    "VisibleQuerySet",
    "WorkItem",
    "WorkSection",
    "audit_event",
    "audit_history",
    "audit_record",
    "bits",
    "content_changed",
    "content_generation",
    "diff_snapshots",
    "editorial_rule",
    "faceted",
    "format_number",
    "json_number",
    "kind_of",
    "may_work_on",
    "parse_decimal",
    "querystring_without",
    "register_content_domain",
    "register_searchable",
    "register_work",
    "searchables",
    "with_related",
    "work_for",
    "work_section",
]
