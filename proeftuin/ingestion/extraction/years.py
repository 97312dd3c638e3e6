"""Step "years": the year(s) a case is about.

A year standing alone on a line before the case (a divider page in a casebook ordered by
year) is the best signal; otherwise the earliest year in a sentence about starting
("startte", "begon", "sinds", "vanaf", "opgericht") is proposed, with less confidence.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.profile import divider_year
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import doc_lines, fold, sentences
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "years"
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
START_CUES = (
    "start",
    "begon",
    "begin",
    "sinds",
    "vanaf",
    "opgericht",
    "gelanceerd",
    "ingevoerd",
    "in werking",
    "van start",
)


@step(NAME, "1")
def years(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """year_start of the case."""
    year = divider_year(doc, segment)
    if year is not None:
        line = next(
            ln
            for ln in reversed(doc_lines(doc))
            if ln.start < segment.start and ln.text == str(year)
        )
        return [extracted("year_start", year, line.start, line.end, 0.6, NAME)]
    found = _start_year(doc, segment)
    if found is None:
        return []
    value, start, end = found
    return [extracted("year_start", value, start, end, 0.4, NAME)]


def _start_year(doc: NormalisedDocument, segment: Segment) -> tuple[int, int, int] | None:
    best = None
    for start, end in sentences(doc.text, segment.start, segment.end):
        text = fold(doc.text[start:end])
        if not any(cue in text for cue in START_CUES):
            continue
        for match in YEAR.finditer(doc.text, start, end):
            value = int(match.group(0))
            if best is None or value < best[0]:
                best = (value, start, end)
    return best
