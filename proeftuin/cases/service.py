"""Public interface of the cases app for other apps."""

from proeftuin.cases.models import Case, ThemeSet
from proeftuin.cases.selectors import (
    case_counts_by_province,
    case_detail,
    case_visible,
    cases_of_organisation,
)
from proeftuin.cases.services import case_create, case_update

__all__ = [
    "Case",
    "ThemeSet",
    "case_counts_by_province",
    "case_create",
    "case_detail",
    "case_update",
    "case_visible",
    "cases_of_organisation",
]
