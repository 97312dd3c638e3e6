"""What the audit trail records of an adoption (before and after each write)."""

from __future__ import annotations

from typing import Any

FIELDS = (
    "status",
    "abandoned_reason",
    "adaptations",
    "outcomes",
    "visibility",
    "started_on",
    "adopted_on",
    "ended_on",
)


def adoption_snapshot(adoption) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(adoption, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["source"] = str(adoption.source.uuid) if adoption.source_id else None
    data["adopter_initiative"] = (
        str(adoption.adopter_initiative.uuid) if adoption.adopter_initiative_id else None
    )
    data["measures"] = [
        [m.measure, m.unit, str(m.baseline) if m.baseline is not None else None, str(m.value)]
        for m in adoption.measures.all()
    ]
    return data
