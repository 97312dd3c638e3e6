"""Validation of case input, shared by forms, the API and the demo loader."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from proeftuin.cases.choices import (
    BarrierCategory,
    Direction,
    EditorialStatus,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
    RecognitionKind,
    RecordSource,
    Stage,
    Visibility,
)
from proeftuin.core.service import ValidationFailed

MIN_YEAR, MAX_YEAR = 1900, 2100

CHILD_ENUMS = {
    "outcomes": {"unit": OutcomeUnit, "direction": Direction, "kind": OutcomeKind},
    "lessons": {"kind": LessonKind},
    "barriers": {"category": BarrierCategory},
    "recognitions": {"kind": RecognitionKind},
    "record_citations": {"source_kind": RecordSource},
}
CHILD_REQUIRED = {
    "outcomes": ("measure", "value", "unit", "direction", "kind"),
    "lessons": ("kind", "text"),
    "barriers": ("category", "text"),
    "people": ("name", "role"),
    "partners": ("name",),
    "recognitions": ("kind", "name"),
    "citations": ("field", "document"),
    "record_citations": ("field", "source_kind", "source_id", "label"),
}


class Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def _check_year(errors: Errors, field: str, value: Any) -> None:
    if value is not None and not (MIN_YEAR <= int(value) <= MAX_YEAR):
        errors.add(
            field,
            _("Enter a year between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
        )


def validate_case_fields(data: dict[str, Any], errors: Errors) -> None:
    if "title" in data and not (data["title"] or "").strip():
        errors.add("title", _("Enter a title."))
    if "summary" in data and not (data["summary"] or "").strip():
        errors.add("summary", _("Enter a summary."))
    for field, enum in (("stage", Stage), ("status", EditorialStatus), ("visibility", Visibility)):
        if field in data and data[field] not in enum.values:
            errors.add(field, _("Choose a valid value."))
    _check_year(errors, "year_start", data.get("year_start"))
    _check_year(errors, "year_end", data.get("year_end"))
    start, end = data.get("year_start"), data.get("year_end")
    if start is not None and end is not None and end < start:
        errors.add("year_end", _("The last year is before the first year."))
    if "organisations" in data and not data["organisations"]:
        errors.add("organisations", _("Choose at least one organisation."))


def validate_children(name: str, items: list[dict[str, Any]], errors: Errors) -> None:
    for index, item in enumerate(items):
        prefix = f"{name}.{index}"
        for field in CHILD_REQUIRED.get(name, ()):
            if item.get(field) in (None, ""):
                errors.add(f"{prefix}.{field}", _("This field is required."))
        for field, enum in CHILD_ENUMS.get(name, {}).items():
            if item.get(field) not in (None, "") and item[field] not in enum.values:
                errors.add(f"{prefix}.{field}", _("Choose a valid value."))
        if name == "outcomes" and item.get("value") not in (None, ""):
            try:
                item["value"] = Decimal(str(item["value"]))
            except InvalidOperation:
                errors.add(f"{prefix}.value", _("Enter a number."))
        if name == "recognitions":
            _check_year(errors, f"{prefix}.year", item.get("year"))


def raise_if_errors(errors: Errors) -> None:
    if errors:
        raise ValidationFailed(field_errors=dict(errors))
