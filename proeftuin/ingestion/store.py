"""Store a pipeline result as suggestions, keeping every decision a person already made."""

from __future__ import annotations

import json

from django.db import transaction

from proeftuin.core.jobs import enqueue
from proeftuin.ingestion.models import Suggestion
from proeftuin.ingestion.types import LIST_FIELDS


def _key(segment_title: str, field: str, value) -> tuple[str, str, str]:
    return segment_title, field, json.dumps(value, sort_keys=True, ensure_ascii=False)


def _suggestions(job, result) -> list[Suggestion]:
    document = result.document
    rows = []
    for index, (part, extracted) in enumerate(result.cases):
        for item in extracted:
            rows.append(
                Suggestion(
                    source=job.source,
                    job=job,
                    segment=index,
                    segment_title=part.title[:300],
                    field=item.field,
                    value=item.value,
                    page=document.page_at(item.start),
                    start=item.start,
                    end=item.end,
                    quote=document.quote(item.start, item.end),
                    step=item.step,
                    step_version=item.step_version,
                    confidence=round(float(item.confidence), 3),
                )
            )
    return rows


def _mark_conflicts(rows: list[Suggestion]) -> None:
    values: dict[tuple[int, str], set[str]] = {}
    for row in rows:
        if row.field not in LIST_FIELDS:
            values.setdefault((row.segment, row.field), set()).add(json.dumps(row.value))
    for row in rows:
        row.conflict = len(values.get((row.segment, row.field), ())) > 1


def _mark_changes(source, rows: list[Suggestion]) -> None:
    if source.previous_id is None:
        return
    before = {
        _key(s.segment_title, s.field, s.value)
        for s in Suggestion.objects.filter(source_id=source.previous_id)
    }
    for row in rows:
        key = _key(row.segment_title, row.field, row.value)
        row.change = "unchanged" if key in before else "new"


@transaction.atomic
def store_result(job, result) -> int:
    """Store what a run found, so that running it again changes nothing: decided
    suggestions stay as they are and are not suggested again, pending ones found again
    stay (with their ids, so an open review page keeps working), pending ones no longer
    found go, and only new findings are added. Returns how many were added."""
    source = job.source
    source.text = result.document.text
    source.format = result.document.format
    source.pages = len(result.document.pages) or 1
    source.save(update_fields=["text", "format", "pages", "updated_at"])
    enqueue("search.index_source", source.pk)  # searchable by keyword once committed
    rows = _suggestions(job, result)
    _mark_conflicts(rows)
    _mark_changes(source, rows)
    found = {_key(r.segment_title, r.field, r.value) for r in rows}
    kept: set[tuple[str, str, str]] = set()
    stale = []
    for s in source.suggestions.all().only("id", "segment_title", "field", "value", "status"):
        key = _key(s.segment_title, s.field, s.value)
        if s.status == Suggestion.Status.PENDING and key not in found:
            stale.append(s.id)
        else:
            kept.add(key)
    Suggestion.objects.filter(id__in=stale).delete()
    new = [r for r in rows if _key(r.segment_title, r.field, r.value) not in kept]
    Suggestion.objects.bulk_create(new, batch_size=500)
    return len(new)
