"""Step "lessons": the items of sections that hold lessons, each with its kind.

Two readings, the second skipping what the first found:

1. Lists right under an outcome or lesson heading ("Wat is gelukt, wat niet", "Belangrijke
   lessen", ...): each item is "worked" or "did_not_work", or a "success_factor" or
   "pitfall"; an introduction like "De volgende zaken zijn essentieel:" makes the items
   success factors unless an item clearly warns.
2. Sections headed by a word of the lesson family (``lexicon.LESSON_SECTIONS``:
   "Conclusies", "Conclusie(s) en aanbevelingen", "Belangrijkste leermomenten",
   "Leerpunten", "Hoofdinzichten", "Aanbevelingen", "Wat ging goed / wat kan beter",
   "Lessons learned", "Tips", ...), also when the heading runs into its first paragraph.
   Each list item, each item of an inline enumeration ("1) ... 2) ...") and otherwise each
   paragraph is one lesson. Sub-sections count only when their own heading is of the
   family (a "Conclusie" chapter's "Beantwoording van de onderzoeksvragen" does not).

The kind comes from the family of the heading and cue words (``lexicon.DID_NOT_WORK``,
``lexicon.PITFALL``). The raw confidence grows with the strength of the evidence: an
explicit lesson heading over a mere "Conclusie", a list item over a paragraph.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction import lexicon
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.sections import Section, find_sections
from proeftuin.ingestion.extraction.text import (
    Line,
    flat,
    fold,
    heading_key,
    lines_between,
    numbered,
    snap,
)
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "lessons"
LEAD = re.compile(r"^(?:[-–*•●¶▪]\s*)+")
PITFALL_INTRO = ("valkuil", "knelpunt", "fouten", "niet goed", "wat misging")
FAMILIES = [(re.compile(pattern), kind) for pattern, kind in lexicon.LESSON_SECTIONS]
FAMILY = re.compile("|".join(f"(?:{pattern})" for pattern, _ in lexicon.LESSON_SECTIONS))
WEAK = re.compile(r"(samenvattende |algemene )?conclusies?\b|(tot )?slot|positief|negatief")
LABELS = {
    "positief": "worked",
    "pluspunten": "worked",
    "wat ging goed": "worked",
    "negatief": "did_not_work",
    "minpunten": "did_not_work",
    "verbeterpunten": "did_not_work",
    "wat kan beter": "did_not_work",
}
LABEL_AT_END = re.compile(
    r"\s(?P<label>Positief|Pluspunten|Wat ging goed|Negatief|Minpunten|Verbeterpunten"
    r"|Wat kan beter)\s*:?$"
)
ENUMERATION = re.compile(r"(?:(?<=^)|(?<=\s))(?P<n>\d{1,2}|[a-h])[).]\s+(?=\S)")


@step(NAME, "2")
def lessons(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Lessons: worked / did not work / success factor / pitfall items."""
    results = _marker_lists(doc, segment)
    taken = [(e.start, e.end) for e in results]
    for section, family, strength in lesson_sections(doc, segment):
        for start, end, text, listed, kind in section_items(doc, section, segment, family):
            if any(a < end and start < b for a, b in taken):
                continue
            kind = classify(text, kind)
            raw = 0.45 + 0.2 * strength + (0.15 if listed else 0.0)
            results.append(extracted(NAME, {"kind": kind, "text": text}, start, end, raw, NAME))
            taken.append((start, end))
    return sorted(results, key=lambda e: e.start)


def lesson_sections(doc: NormalisedDocument, segment: Segment) -> list[tuple[Section, str, float]]:
    """(section, family kind, strength 0..1) of every section of the lesson family."""
    found = []
    for section in find_sections(doc, segment.start, segment.end, glued=FAMILY):
        key = heading_key(section.title)
        if len(key.split()) > 8:
            continue
        family = next((kind for pattern, kind in FAMILIES if pattern.match(key)), None)
        if family is None:
            continue
        strength = 0.0 if WEAK.fullmatch(key) else 1.0
        if strength == 0.0 and section.level not in (1, 2):
            strength = -0.25  # a bare "Conclusie" or "Positief" of unknown rank
        found.append((section, "lessons" if family == "success_factor" else family, strength))
    return found


def section_items(
    doc: NormalisedDocument, section: Section, segment: Segment, family: str
) -> list[tuple[int, int, str, bool, str]]:
    """(start, end, text, is list item, family) of the lessons directly under a heading.

    An enumeration "1) ... 2) ..." over the whole body gives one item per number (an item
    may run over a page break); otherwise each list item and each paragraph is one. A
    label like "Negatief:" at the end of an item switches the family for those after it."""
    stop = section.end
    for other in find_sections(doc, section.body_start, section.end, glued=FAMILY):
        if other.start > section.start:
            stop = min(stop, other.start)
            break
    lines = _body_lines(doc, section.body_start, min(stop, segment.end))
    if not lines:
        return []
    spans = _enumerated(doc.text, lines[0].start, lines[-1].end, [ln.start for ln in lines])
    if spans:
        groups = [(s, e, True) for s, e in spans]
    else:
        groups = [(g[0].start, g[-1].end, listed) for g, listed in _groups(lines)]
    items = []
    for start, end, listed in groups:
        text = LEAD.sub("", flat(doc.text[start:end]))
        label = LABEL_AT_END.search(text)
        if label:
            end = start + doc.text[start:end].rstrip().rfind(label.group("label"))
            text = text[: label.start()].rstrip()
        start, end = snap(doc.text, start, end)
        if _lesson_like(text) and not text.endswith(":"):
            items.append((start, end, text, listed, family))
        if label:
            family = LABELS[fold(label.group("label"))]
    return items


def _body_lines(doc: NormalisedDocument, start: int, end: int) -> list[Line]:
    """Lines from ``start`` (which may lie inside a line, after a glued heading) to ``end``."""
    lines = []
    for line in lines_between(doc, start - 400, end):
        if line.end <= start:
            continue
        if line.start < start:
            text = doc.text[start : line.end].strip()
            offset = line.end - len(doc.text[start : line.end].lstrip())
            line = Line(text, offset, line.end, line.block, line.kind, line.level, True, False)
        lines.append(line)
    return [ln for ln in lines if ln.text]


def _groups(lines: list[Line]) -> list[tuple[list[Line], bool]]:
    """Lines grouped into list items (a bullet and its continuation lines) and paragraphs
    (the lines of one block)."""
    groups: list[tuple[list[Line], bool]] = []
    for line in lines:
        if line.bullet:
            groups.append(([line], True))
        elif groups and not line.first and groups[-1][0][-1].block == line.block:
            groups[-1][0].append(line)
        else:
            groups.append(([line], False))
    return groups


def _enumerated(text: str, start: int, end: int, line_starts: list[int]) -> list[tuple]:
    """Spans of the items of an enumeration "1) ... 2) ..." in ``text[start:end]``: marks
    numbered in sequence from 1 (or a), the first at the start of a line; [] when none."""
    kept, expected = [], None
    for mark in ENUMERATION.finditer(text, start, end):
        label = mark.group("n")
        value = int(label) if label.isdigit() else ord(label) - ord("a") + 1
        first = expected is None and value == 1 and mark.start() in line_starts
        if first or value == expected:
            kept.append(mark)
            expected = value + 1
    if len(kept) < 2:
        return []
    ends = [m.start() for m in kept[1:]] + [end]
    return [(m.end(), e) for m, e in zip(kept, ends, strict=True)]


def _lesson_like(text: str) -> bool:
    words = text.split()
    if not 4 <= len(words) <= 150 or text.endswith("?"):
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.6 * len(text)


# -- 1. lists under outcome and lesson headings (the casebook and cahier layout) ----------


def _marker_lists(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    from proeftuin.ingestion.segment import marker_at

    lines = lines_between(doc, segment.start, segment.end)
    results = []
    for index in range(len(lines)):
        family = marker_at(lines, index)
        if family is None:
            continue
        intro, items = list_items(lines, index + 1)
        for first, last in items:
            start, end = snap(doc.text, lines[first].start, lines[last].end)
            text = LEAD.sub("", flat(doc.text[start:end]))
            value = {"kind": classify(text, family, intro), "text": text}
            results.append(extracted(NAME, value, start, end, 0.9, NAME))
    return results


def list_items(lines: list[Line], begin: int) -> tuple[str, list[tuple[int, int]]]:
    """(introduction text, [(first line, last line) per item]) of the list after a heading."""
    from proeftuin.ingestion.segment import marker_at

    intro, items = "", []
    for index in range(begin, len(lines)):
        line = lines[index]
        if marker_at(lines, index) or numbered(line):
            break
        if line.bullet:
            items.append((index, index))
        elif items and not line.first:
            items[-1] = (items[-1][0], index)
        elif items:
            break
        elif index - begin < 3:
            intro += " " + line.text
        else:
            break
    return intro.strip(), items


def classify(text: str, family: str, intro: str = "") -> str:
    """The lesson kind of an item under a heading of ``family`` ("worked",
    "did_not_work", "pitfall" or "lessons")."""
    folded = fold(text)
    if family == "did_not_work":
        return "did_not_work"
    if family == "worked":
        return "did_not_work" if _has(folded, lexicon.DID_NOT_WORK) else "worked"
    if family == "pitfall" or _has(folded, lexicon.PITFALL) or _has(fold(intro), PITFALL_INTRO):
        return "pitfall"
    return "success_factor"


def _has(text: str, cues: tuple[str, ...]) -> bool:
    return any(cue in text for cue in cues)
