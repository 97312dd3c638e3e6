"""Public interface of the cases app for other apps."""

from proeftuin.cases.choices import (
    BarrierCategory,
    Direction,
    EditorialStatus,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
    RecordSource,
    Stage,
)
from proeftuin.cases.facet_index import bitmap, chosen_bitmaps, facet_index, visible_bitmap
from proeftuin.cases.facets import facets
from proeftuin.cases.filters import CaseFilterSet
from proeftuin.cases.lifecycle import draft_cases_delete, draft_cases_purge, draft_cases_restore
from proeftuin.cases.models import Case, CaseBarrier, CaseFacetValue, Theme, ThemeSet
from proeftuin.cases.origins import CaseOrigin, register_case_origin
from proeftuin.cases.permissions import can_edit_case, can_lead_case
from proeftuin.cases.selectors import (
    case_counts_by_province,
    case_detail,
    case_facet_counts,
    case_in_library,
    case_visible,
    cases_of_organisation,
    unpublished_cases,
)
from proeftuin.cases.services import case_create, case_extend, case_update
from proeftuin.cases.snapshot import case_snapshot

__all__ = [
    "BarrierCategory",
    "Case",
    "CaseBarrier",
    "CaseFacetValue",
    "CaseFilterSet",
    "CaseOrigin",
    "Direction",
    "EditorialStatus",
    "LessonKind",
    "OutcomeKind",
    "OutcomeUnit",
    "RecordSource",
    "Stage",
    "Theme",
    "ThemeSet",
    "bitmap",
    "can_edit_case",
    "can_lead_case",
    "case_counts_by_province",
    "case_create",
    "case_detail",
    "case_extend",
    "case_facet_counts",
    "case_in_library",
    "case_snapshot",
    "case_update",
    "case_visible",
    "cases_of_organisation",
    "chosen_bitmaps",
    "draft_cases_delete",
    "draft_cases_purge",
    "draft_cases_restore",
    "facet_index",
    "facets",
    "register_case_origin",
    "unpublished_cases",
    "visible_bitmap",
]
