"""A plain-data picture of a case and its parts, for the audit trail's diffs."""

from __future__ import annotations

from typing import Any


def _rows(items, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{f: _plain(getattr(item, f)) for f in fields} for item in items]


def _plain(value):
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def case_snapshot(case) -> dict[str, Any]:
    return {
        "title": case.title,
        "summary": case.summary,
        "year_start": case.year_start,
        "year_end": case.year_end,
        "stage": case.stage,
        "status": case.status,
        "visibility": case.visibility,
        "theme_set": case.theme_set.key,
        "owner": case.owner.name,
        "organisations": [link.organisation.name for link in case.case_organisations.all()],
        "sections": {s.theme.key: s.body for s in case.sections.select_related("theme")},
        "outcomes": _rows(
            case.outcomes.all(),
            ("measure", "value", "unit", "direction", "kind", "period", "baseline"),
        ),
        "lessons": _rows(case.lessons.all(), ("kind", "text")),
        "barriers": _rows(case.barriers.all(), ("category", "text")),
        "people": _rows(case.people.all(), ("name", "role", "organisation_name")),
        "partners": _rows(case.partners.all(), ("name", "role")),
        "recognitions": _rows(case.recognitions.all(), ("kind", "name", "year")),
        "citations": _rows(case.citations.all(), ("field", "document", "page", "quote")),
        "record_citations": _rows(
            case.record_citations.all(), ("field", "source_kind", "source_id", "label")
        ),
    }
