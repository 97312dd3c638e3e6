"""Step "organisation.overview": staff, layer and type from an overview of all cases.

Casebooks often open with a map or table listing every case as a few short lines: a
government layer, a type, "800 medewerkers" and maybe a page reference "P.13". Such
records outside the cases are matched to the cases by page order when every record has a
page (and there are as many records as cases), else by content: same government layer and
the nearest staff size (within a factor two). The values are returned with the record's
own offsets, so that a later stage can flag where they differ from the case's profile.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from proeftuin.ingestion.extraction import lexicon
from proeftuin.ingestion.extraction.profile import NUMBER, first_code, parse_staff, profile
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import Line, doc_lines
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "organisation.overview"
STAFF = re.compile(
    rf"(?:ruim |circa |ca\. )?(?:{NUMBER})(?:\s*[-–]\s*(?:{NUMBER}))?\s+"
    r"(?:medewerkers|werknemers|fte)\b",
    re.I,
)
PAGE = re.compile(r"\b(?:p|pag|pagina)\.?\s*(\d{1,3})\s*$", re.I)


@dataclass(frozen=True)
class Record:
    text: str
    start: int
    end: int
    page: int | None


@step(NAME, "1")
def overview(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """The overview's figures for this case."""
    record, confidence = _assignment(doc).get(segment, (None, 0.0))
    if record is None:
        return []
    results = []
    staff = STAFF.search(record.text)
    if staff:
        value = parse_staff(staff.group(0), None)
        results.append(
            extracted("organisation.staff", value, record.start, record.end, confidence, NAME)
        )
    for field, table in (
        ("government_layer", lexicon.LAYERS),
        ("organisation_type", lexicon.ORGANISATION_TYPES),
    ):
        code = first_code(table, _without_other(record.text, field))
        if code:
            results.append(
                extracted(
                    f"organisation.{field}", code, record.start, record.end, confidence - 0.1, NAME
                )
            )
    return results


def _without_other(text: str, field: str) -> str:
    """ "Lokaal Gemeente": "Gemeente" is the type, so it must not decide the layer."""
    return text.split()[0] if field == "government_layer" and text.split() else text


def records(doc: NormalisedDocument, cases: list[Segment]) -> list[Record]:
    """Short line groups with a staff figure, outside all cases."""
    lines, found = doc_lines(doc), []
    for index, line in enumerate(lines):
        if not STAFF.search(line.text) or any(c.start <= line.start < c.end for c in cases):
            continue
        group = _group(lines, index)
        if group is not None:
            found.append(group)
    return found


def _group(lines: list[Line], index: int) -> Record | None:
    line = lines[index]
    tail = re.split(r"(?<=[.!?])\s+", line.text)[-1]
    if len(tail.split()) > 6:
        return None
    start, parts = line.end - len(tail), [tail]
    for previous in reversed(lines[max(index - 2, 0) : index]):
        if first_code(lexicon.LAYERS, parts[0].split()[0]) or len(previous.text.split()) > 2:
            break
        if STAFF.search(previous.text) or PAGE.search(previous.text):
            break
        parts.insert(0, previous.text)
        start = previous.start
    end = line.end
    following = lines[index + 1] if index + 1 < len(lines) else None
    page = PAGE.search(line.text)
    if page is None and following and PAGE.fullmatch(following.text.strip()):
        page, end = PAGE.search(following.text), following.end
    return Record(" ".join(parts), start, end, int(page.group(1)) if page else None)


_CACHE: dict[int, tuple[str, dict]] = {}


def _assignment(doc: NormalisedDocument) -> dict[Segment, tuple[Record, float]]:
    hit = _CACHE.get(id(doc))
    if hit is None or hit[0] is not doc.text:
        from proeftuin.ingestion.segment import cached_segments

        cases = [c for c in cached_segments(doc) if c.kind == "casebook-profile"]
        hit = _CACHE[id(doc)] = (doc.text, _assign(doc, cases))
    return hit[1]


def _assign(doc: NormalisedDocument, cases: list[Segment]) -> dict:
    found = records(doc, cases)
    if len(found) < 2 or not cases:
        return {}
    if len(found) == len(cases) and all(r.page is not None for r in found):
        ordered = sorted(found, key=lambda r: r.page)
        return {case: (record, 0.6) for case, record in zip(cases, ordered, strict=True)}
    return _by_content(doc, cases, found)


def _by_content(doc: NormalisedDocument, cases: list[Segment], found: list[Record]) -> dict:
    pairs = []
    for case in cases:
        facts = {e.field: e.value for e in profile(doc, case)}
        for index, record in enumerate(found):
            cost = _cost(facts, record)
            if cost is not None:
                pairs.append((cost, cases.index(case), index))
    chosen, used_cases, used_records = {}, set(), set()
    for _, case_index, record_index in sorted(pairs):
        if case_index not in used_cases and record_index not in used_records:
            used_cases.add(case_index)
            used_records.add(record_index)
            chosen[cases[case_index]] = (found[record_index], 0.5)
    return chosen


def _cost(facts: dict, record: Record) -> float | None:
    layer = first_code(lexicon.LAYERS, _without_other(record.text, "government_layer"))
    staff = STAFF.search(record.text)
    if layer != facts.get("organisation.government_layer") or not staff:
        return None
    theirs, ours = _size(parse_staff(staff.group(0))), _size(facts.get("organisation.staff"))
    if not theirs or not ours or not 0.5 <= theirs / ours <= 2:
        return None
    return abs(math.log(theirs / ours))


def _size(value: dict | None) -> float | None:
    if not value:
        return None
    numbers = [value[k] for k in ("exact", "min", "max") if value.get(k)]
    return sum(numbers) / len(numbers) if numbers else None
