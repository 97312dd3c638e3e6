"""The stable JSON schema of `proeftuin ingest --json` (documented in docs/ingestion.md)."""

from __future__ import annotations

from pathlib import Path

from proeftuin.ingestion.types import LIST_FIELDS

SCHEMA_VERSION = 1


def _field(document, item) -> dict:
    return {
        "value": item.value,
        "confidence": round(float(item.confidence), 3),
        "page": document.page_at(item.start),
        "start": item.start,
        "end": item.end,
        "quote": document.quote(item.start, item.end),
        "step": item.step,
        "stepVersion": item.step_version,
    }


def result_json(path: Path, result) -> dict:
    """One file's cases: each case with its fields, each field a list of candidate values
    (more than one when the document states different values: a conflict)."""
    document = result.document
    cases = []
    for part, extracted in result.cases:
        fields: dict[str, list[dict]] = {}
        for item in extracted:
            fields.setdefault(item.field, []).append(_field(document, item))
        cases.append(
            {
                "title": part.title,
                "kind": part.kind,
                "start": part.start,
                "end": part.end,
                "conflicts": sorted(
                    f
                    for f, values in fields.items()
                    if len({repr(v["value"]) for v in values}) > 1 and not _is_list_field(f)
                ),
                "fields": fields,
            }
        )
    return {
        "file": str(path),
        "format": document.format,
        "pages": len(document.pages) or 1,
        "front": _front(document),
        "notices": [{"code": n.code, "message": n.message} for n in result.notices],
        "cases": cases,
    }


def _front(document) -> dict:
    """What the title page says (see ``proeftuin.ingestion.structure``)."""
    front = document.front
    return {
        "title": front.title,
        "organisations": [o.value for o in front.organisations],
        "commissionedBy": front.commissioned_by.value if front.commissioned_by else None,
        "authors": [{"name": p.name, "organisation": p.organisation} for p in front.authors],
        "date": front.date.value if front.date else None,
        "version": front.version,
    }


def _is_list_field(field: str) -> bool:
    # a domain list is one value, but lists from different passages are not a conflict
    return field in LIST_FIELDS or field == "organisation.domains"
