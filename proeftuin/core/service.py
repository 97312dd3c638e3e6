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
    TooManyRequests,
    ValidationFailed,
    require,
)
from proeftuin.core.fragments import viewer_cached
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
from proeftuin.core.ratelimit import allow as rate_allow
from proeftuin.core.records import locked, plain, snapshot, update_versioned
from proeftuin.core.refusals import forbidden, form_refusal
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
from proeftuin.core.slugs import unique_slug
from proeftuin.core.statements import CompiledQuery
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
from proeftuin.core.workflows import editing as workflow_editing
from proeftuin.core.workflows.choices import Decision, StageCategory
from proeftuin.core.workflows.models import (
    GateQuestion,
    Move,
    Stage,
    Transition,
    Workflow,
    WorkflowSubject,
)
from proeftuin.core.workflows.registry import on_move, register_workflow_kind
from proeftuin.core.workflows.selectors import (
    allowed_moves,
    editable_pipelines,
    subject_moves,
    workflow_for,
    workflow_initial_stage,
)
from proeftuin.core.workflows.services import workflow_copy_default, workflow_move

__all__ = [
    "ITEMS_SHOWN",
    "PUBLISHED_PUBLIC",
    "UNPUBLISHED",
    "AuditEntry",
    "BaseModel",
    "CompiledQuery",
    "ConflictError",
    "Decision",
    "DomainError",
    "DuplicateError",
    "EditorialModel",
    "EditorialStatus",
    "Faceting",
    "GateQuestion",
    "Grant",
    "LocalDecimalField",
    "LocalIntegerField",
    "Move",
    "NotAllowed",
    "Registry",
    "Related",
    "SearchOwner",
    "SearchText",
    "Searchable",
    "Stage",
    "StageCategory",
    "TooManyRequests",
    "Transition",
    "UnknownDomain",
    "ValidationFailed",
    "Visibility",
    "VisibilityRule",
    "VisibleQuerySet",
    "WorkItem",
    "WorkSection",
    "Workflow",
    "WorkflowSubject",
    "allowed_moves",
    "audit_event",
    "audit_history",
    "audit_record",
    "bits",
    "content_changed",
    "content_generation",
    "diff_snapshots",
    "editable_pipelines",
    "editorial_rule",
    "faceted",
    "forbidden",
    "form_refusal",
    "format_number",
    "json_number",
    "kind_of",
    "locked",
    "may_work_on",
    "on_move",
    "parse_decimal",
    "plain",
    "querystring_without",
    "rate_allow",
    "register_content_domain",
    "register_searchable",
    "register_work",
    "register_workflow_kind",
    "require",
    "searchables",
    "snapshot",
    "subject_moves",
    "unique_slug",
    "update_versioned",
    "viewer_cached",
    "with_related",
    "work_for",
    "work_section",
    "workflow_copy_default",
    "workflow_editing",
    "workflow_for",
    "workflow_initial_stage",
    "workflow_move",
]
