"""Step "years": the year(s) a case is about.

A case in a collection with a meta line under its heading ("Gemeente X | Zorg | 2021-2023",
"2022-heden"; ``structure.meta``) takes the period printed there. A year standing alone on a
line before the case (a divider page in a casebook ordered by
year) is the best signal. For a report about one innovation ("whole-document") the period
it describes, stated on the title page, in the title or early in the text ("2018-2021",
"van 2019 tot 2021", "tussen 2019 en 2021"), gives year_start and year_end; else a sentence
early in the text about starting a pilot or project ("in 2022 is een pilot gestart") gives
year_start, when it lies at most six years before the document's date; else the document's
own date (``doc.front.date``: title page, colophon, running header) gives year_start, and it
gives year_end (with less confidence) in both cases. Otherwise the earliest year in a
sentence about starting ("startte", "begon", "sinds", "vanaf", "opgericht") is proposed,
with less confidence.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.profile import divider_year
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import doc_lines, fold, sentences
from proeftuin.ingestion.structure.meta import case_meta
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "years"
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
PERIOD = re.compile(
    r"\b(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|/|tot en met|tot|t/m)\s*(?P<b>(?:19|20)\d\d)\b"
    r"|\btussen\s+(?P<c>(?:19|20)\d\d)\s+en\s+(?P<d>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
EARLY_CHARS = 2500  # the period a report describes is stated early
PROJECT_WORDS = ("pilot", "project", "experiment", "proef", "initiatief", "programma", "aanpak")
MAX_YEARS_BEFORE = 6
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


@step(NAME, "2")
def years(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """year_start (and for a report year_end) of the case."""
    year = divider_year(doc, segment)
    if year is not None:
        line = next(
            ln
            for ln in reversed(doc_lines(doc))
            if ln.start < segment.start and ln.text == str(year)
        )
        return [extracted("year_start", year, line.start, line.end, 0.6, NAME)]
    if segment.kind == "whole-document":
        dated = _document_years(doc, segment)
        if dated:
            return dated
    else:
        period = case_meta(doc, segment.start, segment.end).period
        if period is not None:
            return _meta_years(period)
    found = _start_year(doc, segment)
    if found is None:
        return []
    value, start, end = found
    return [extracted("year_start", value, start, end, 0.4, NAME)]


def _meta_years(period) -> list[Extracted]:
    """The period on a case's meta line ("2021-2023", "2022-heden": no end)."""
    start, end = period.span
    found = [extracted("year_start", period.start, start, end, 0.7, NAME)]
    if period.end is not None:
        found.append(extracted("year_end", period.end, start, end, 0.65, NAME))
    return found


def _start_year(
    doc: NormalisedDocument, segment: Segment, also: tuple[str, ...] = ()
) -> tuple[int, int, int] | None:
    """The earliest year in a sentence about starting (that also names one of ``also``)."""
    best = None
    for start, end in sentences(doc.text, segment.start, segment.end):
        text = fold(doc.text[start:end])
        if not any(cue in text for cue in START_CUES):
            continue
        if also and not any(word in text for word in also):
            continue
        for match in YEAR.finditer(doc.text, start, end):
            value = int(match.group(0))
            if best is None or value < best[0]:
                best = (value, start, end)
    return best


def _document_years(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """The period the report states early on, else the year of its date."""
    front = doc.front
    for start, end in ((front.start, front.end), (segment.start, segment.start + EARLY_CHARS)):
        for match in PERIOD.finditer(doc.text, start, min(end, len(doc.text))):
            first = int(match.group("a") or match.group("c"))
            last = int(match.group("b") or match.group("d"))
            if first < last <= first + 15 and (front.year is None or last <= front.year + 1):
                return [
                    extracted("year_start", first, match.start(), match.end(), 0.65, NAME),
                    extracted("year_end", last, match.start(), match.end(), 0.6, NAME),
                ]
    if front.year is None or front.date is None:
        return []
    date = front.date
    end = extracted("year_end", front.year, date.start, date.end, 0.5, NAME)
    started = _project_start(doc, segment, front.year)
    if started is not None:
        value, start, stop = started
        return [extracted("year_start", value, start, stop, 0.6, NAME), end]
    return [extracted("year_start", front.year, date.start, date.end, 0.6, NAME), end]


def _project_start(doc: NormalisedDocument, segment: Segment, year: int):
    """ "In 2022 is een pilot gestart": a start early in the text, shortly before the date."""
    early = Segment(segment.title, segment.start, min(segment.end, segment.start + EARLY_CHARS), "")
    found = _start_year(doc, early, PROJECT_WORDS)
    if found is None or not year - MAX_YEARS_BEFORE <= found[0] <= year:
        return None
    return found
