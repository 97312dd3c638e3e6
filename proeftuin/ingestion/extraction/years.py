"""Step "years": the year(s) a case is about.

A case in a collection with a meta line under its heading ("Gemeente X | Zorg | 2021-2023",
"2022-heden"; ``structure.meta``) takes the period printed there. A year standing alone on a
line before the case (a divider page in a casebook ordered by year) is the best signal.

For a report about one innovation ("whole-document"), in this order:

1. the period it describes, stated on the title page or early in the text ("2018-2021",
   "van 2019 tot 2021", "maart 2022 tot en met september 2023", "tussen 2019 en 2021"):
   year_start and year_end;
2. months of one year on the title page ("juni - december 2023"), else one year in the
   title ("Evaluatie buurtbudget 2023"): both;
3. an open period in a heading or on the title page ("Terugblik 2018 - nu"): year_start;
4. the document's own date (``doc.front.date``: title page, colophon, running header) gives
   year_end, and year_start unless a start lies early in the text at most six years before
   it: a sentence about starting a pilot or project ("in 2022 is een pilot gestart") or a
   dated start ("sinds januari 2022", "vanaf 1 maart 2021"), or a dated event before the
   document's year that the text narrates ("In januari en februari 2023 reed een auto ...",
   in a newsletter of April 2024).

Otherwise the earliest year in a sentence about starting ("startte", "begon", "sinds",
"vanaf", "opgericht") is proposed, with less confidence; never the baseline year of a
comparison ("van 212 in 2021 naar 151 in 2023", "ten opzichte van 2021", "vergeleken met
2020"), which measures, it does not start.
"""

from __future__ import annotations

import re
from datetime import date

from proeftuin.ingestion.extraction.profile import divider_year
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import doc_lines, fold, sentences
from proeftuin.ingestion.structure.dates import MONTHS as ANY_MONTH
from proeftuin.ingestion.structure.meta import case_meta
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "years"
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
PERIOD = re.compile(  # "2018-2021", "maart 2022 tot en met september 2023"
    rf"\b(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|/|tot en met|tot|t/m)\s*(?:(?:{ANY_MONTH})\s+)?"
    r"(?P<b>(?:19|20)\d\d)\b"
    r"|\btussen\s+(?P<c>(?:19|20)\d\d)\s+en\s+(?P<d>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
MONTH_RANGE = re.compile(  # "juni - december 2023" on a title page: within one year
    rf"\b(?:{ANY_MONTH})\s*(?:-|–|—|tot en met|t/m|tot|to)\s*(?:{ANY_MONTH})\s+"
    r"(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
EARLY_CHARS = 2500
OPEN_PERIOD = re.compile(
    r"\b(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|tot)\s*(?:nu|heden|vandaag|now|present)\b",
    re.IGNORECASE,
)
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DATED_START = re.compile(
    rf"\b(?:sinds|vanaf)\s+(?:\d{{1,2}}\s+)?(?:{MONTHS}|het voorjaar van|"
    r"het najaar van|de zomer van|begin)\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)  # the period a report describes is stated early
DATED_EVENT = re.compile(  # "In januari en februari 2023 reed ...", "In het najaar van 2022"
    rf"\b[Ii]n\s+(?:(?:begin|eind|half|medio)\s+)?(?:{MONTHS}|het voorjaar van|het najaar van|"
    rf"de zomer van|de winter van)(?:\s+(?:en|tot|t/m|tot en met)\s+(?:{MONTHS}))?\s+"
    r"(?P<y>(?:19|20)\d\d)\b"
)
PROJECT_WORDS = ("pilot", "project", "experiment", "proef", "initiatief", "programma", "aanpak")
MAX_YEARS_BEFORE = 6
BASELINE_BEFORE = re.compile(r"(?:ten opzichte van|vergeleken met|t\.o\.v\.)\s*$", re.I)
BASELINE_AFTER = re.compile(r"\s*(?:\)|,)?\s*naar\b", re.I)
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
            if _baseline(doc.text, match):
                continue
            value = int(match.group(0))
            if best is None or value < best[0]:
                best = (value, start, end)
    return best


def _baseline(text: str, match: re.Match) -> bool:
    """The year a comparison starts from: "van 212 in 2021 naar ...", "ten opzichte van 2021"."""
    before = text[max(0, match.start() - 20) : match.start()]
    return bool(BASELINE_BEFORE.search(before) or BASELINE_AFTER.match(text, match.end()))


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
    ranged = MONTH_RANGE.search(doc.text, front.start, front.end)
    if ranged and (front.year is None or int(ranged.group("y")) <= front.year):
        year, start, end = int(ranged.group("y")), ranged.start(), ranged.end()
        return [
            extracted("year_start", year, start, end, 0.65, NAME),
            extracted("year_end", year, start, end, 0.6, NAME),
        ]
    titled = _title_year(doc)
    if titled:
        return titled
    opened = _open_period(doc, segment)
    if opened:
        return opened
    if front.year is None or front.date is None:
        return []
    date = front.date
    end = extracted("year_end", front.year, date.start, date.end, 0.5, NAME)
    started = (
        _project_start(doc, segment, front.year)
        or _dated_start(doc, segment, front.year)
        or _dated_event(doc, segment, front.year)
    )
    if started is not None:
        value, start, stop = started
        return [extracted("year_start", value, start, stop, 0.6, NAME), end]
    return [extracted("year_start", front.year, date.start, date.end, 0.6, NAME), end]


def _open_period(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """ "2018 - nu", "sinds 2019 tot heden" in a heading ("Terugblik 2018 - nu") or on the
    title page: the work started then and is still going on."""
    front = doc.front
    spans = [(front.start, front.end)]
    spans += [
        (h.start, h.start + 120) for h in doc.structure.headings_in(segment.start, segment.end)
    ]
    for start, end in spans:
        match = OPEN_PERIOD.search(doc.text, start, min(end, len(doc.text)))
        if match and (front.year is None or int(match.group("a")) <= front.year):
            line_end = doc.text.find("\n", match.start())
            if line_end == -1 or line_end >= match.end():
                value = int(match.group("a"))
                return [extracted("year_start", value, match.start(), match.end(), 0.6, NAME)]
    return []


def _title_year(doc: NormalisedDocument) -> list[Extracted]:
    """One year in the title ("Evaluatie buurtbudget 2023", "Jaarverslag 2022") is the year
    the report is about, when it is not after the report's own date."""
    front = doc.front
    found = list(YEAR.finditer(front.title)) if front.title_start >= 0 else []
    if len(found) != 1:
        return []
    year = int(found[0].group(0))
    latest = front.year if front.year is not None else date.today().year
    if not latest - MAX_YEARS_BEFORE <= year <= latest:
        return []  # "Visie 2030" names a goal, not the year the report is about
    start = front.title_start + found[0].start()
    if doc.text[start : start + 4] != found[0].group(0):
        return []  # the title is not printed as one line (a kicker above it)
    return [
        extracted("year_start", year, start, start + 4, 0.65, NAME),
        extracted("year_end", year, start, start + 4, 0.55, NAME),
    ]


def _project_start(doc: NormalisedDocument, segment: Segment, year: int):
    """ "In 2022 is een pilot gestart": a start early in the text, shortly before the date."""
    early = Segment(segment.title, segment.start, min(segment.end, segment.start + EARLY_CHARS), "")
    found = _start_year(doc, early, PROJECT_WORDS)
    if found is None or not year - MAX_YEARS_BEFORE <= found[0] <= year:
        return None
    return found


def _dated_start(doc: NormalisedDocument, segment: Segment, year: int):
    """ "sinds januari 2022 belt een consulent ...", "vanaf 1 maart 2021": the first dated
    start early in the text (a month names the moment something began, where "sinds 2021"
    alone may be a law or a trend), shortly before the document's date."""
    end = min(segment.end, segment.start + EARLY_CHARS)
    for match in DATED_START.finditer(doc.text, segment.start, end):
        value = int(match.group("y"))
        if year - MAX_YEARS_BEFORE <= value <= year:
            return value, match.start(), match.end()
    return None


def _dated_event(doc: NormalisedDocument, segment: Segment, year: int):
    """ "In januari en februari 2023 reed een auto ...": the first month-dated event early in
    the text, in a year before the document's own (what it looks back on began then)."""
    end = min(segment.end, segment.start + EARLY_CHARS)
    for match in DATED_EVENT.finditer(doc.text, segment.start, end):
        value = int(match.group("y"))
        if year - MAX_YEARS_BEFORE <= value < year:
            return value, match.start(), match.end()
    return None
