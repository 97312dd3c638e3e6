"""Initiatives and their parts as plain values, for the audit trail."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

SCALAR_FIELDS = (
    "title",
    "problem",
    "affected",
    "chain",
    "intended_result",
    "kind",
    "facets",
    "started_on",
    "evaluation_date",
    "reflection_interval_days",
    "lessons",
    "status",
    "visibility",
)
RELATED_FIELDS = ("partners", "themes", "domains", "inspired_by_cases", "inspired_by")


def plain(value) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def initiative_snapshot(initiative) -> dict[str, Any]:
    data = {name: plain(getattr(initiative, name)) for name in SCALAR_FIELDS}
    data["owner"] = initiative.owner_id
    for name in RELATED_FIELDS:
        data[name] = sorted(getattr(initiative, name).values_list("pk", flat=True))
    return data


def part_snapshot(part) -> dict[str, Any]:
    """A part's own fields (not its key, times or initiative)."""
    skip = {"id", "uuid", "created_at", "updated_at", "initiative", "kpi"}
    data = {
        f.name: plain(getattr(part, f.attname))
        for f in part._meta.concrete_fields
        if f.name not in skip
    }
    if part.pk and any(f.name == "questions" for f in part._meta.many_to_many):
        data["questions"] = sorted(part.questions.values_list("pk", flat=True))
    return data
