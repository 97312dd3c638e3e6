"""Lessons stated as advice inside the prose of an advisory or research report.

Advisory reports rarely list their lessons: a chapter "Uitkomsten", "Bevindingen" or "Tot
slot" (with its numbered sub-sections, one per theme) states them sentence by sentence in
running paragraphs: advice ("Organiseer ...", "X moet ...", "X dient ...", "Er is meer Y
nodig", "Het is belangrijk dat ...", "X vraagt om Y") and shortcomings ("Het ontbreekt aan
...", "X is onvoldoende", "er wordt niet in samenhang op gestuurd"). Each such sentence is a
lesson: advice a success factor, a shortcoming a pitfall. A chapter whose lists or
paragraphs the other readers already took as lessons is not read again. Sentences without
that wording (context, method, examples) are not lessons, so the reader stays precise in
chapters that also describe.

Narrative reports tell what was learnt instead ("In X werd geleerd hoe ...", "De
organisatie leerde ...", "Een les is dat ..."): such a sentence is a lesson wherever it
stands.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.sections import UNKNOWN, Section, find_sections
from proeftuin.ingestion.extraction.text import flat, fold, heading_key, sentences, snap
from proeftuin.ingestion.types import NormalisedDocument, Segment

# Chapters whose prose states findings and advice (folded heading key, whole heading).
# "Conclusies", "Bevindingen" and "Aanbevelingen" are read paragraph by paragraph by the
# lessons step; their sentences with "moet" are often description ("gemeenten moeten
# expertise inhuren"), so only the chapters of an advisory report's outcome are read here.
CHAPTER = re.compile(
    r"(de )?((belangrijkste |voornaamste )?uitkomsten( van (het|ons|dit) onderzoek)?"
    r"|tot slot|slotbeschouwing)"
)
# Imperatives that open advice in Dutch reports ("Organiseer ...", "Benut ...").
IMPERATIVE = re.compile(
    r"^(?:organiseer|richt|laat|benut|zorg|maak|betrek|zet|begin|investeer|neem|kies|houd"
    r"|geef|stel|creeer|borg|deel|veranker|durf|bied|leg|stimuleer|wees|vergroot|versterk)\b"
)
ADVICE = re.compile(
    r"\b(?:moet|moeten|dient|dienen|(?:is|zijn)\b[^.]{0,50}\bnodig|nodig is|nodig zijn"
    r"|vraagt om|vragen om|heeft\b.{0,60}\bnodig|hebben\b.{0,60}\bnodig"
    r"|is (?:het )?(?:belangrijk|essentieel|cruciaal|noodzakelijk|van belang)"
    r"|van belang is|noodzaak|randvoorwaarde)\b"
)
SHORTCOMING = re.compile(
    r"\b(?:ontbreekt|ontbreken|onvoldoende|te veel|te weinig|te complex|niet in samenhang"
    r"|wint het\b|knelpunt\w*|belemmer\w*)\b"
)
LEARNT = re.compile(
    r"\b(?:(?:werd|is|zijn|hebben|heeft|werden)\s+(?:\w+\s+){0,3}?geleerd\s+(?:dat|hoe|om)"
    r"|leerde(?:n)?\s+(?:\w+\s+){0,3}?(?:dat|hoe|om)|(?:een|de) les (?:is|was) dat)\b"
)
WORDS = (6, 60)


def advice_sentences(
    doc: NormalisedDocument, segment: Segment, taken: list[tuple[int, int]]
) -> list[tuple[int, int, str, str, float]]:
    """(start, end, text, kind, raw) of the advice and shortcoming sentences in the
    segment's findings chapters and the learnt sentences anywhere, outside ``taken``."""
    found = []
    for start, end in _chapters(doc, segment):
        if any(start <= a < end for a, _ in taken):
            continue  # a chapter whose lessons the list and paragraph readers already took
        for item in _sentences(doc, start, end, taken):
            found.append(item)
    for item in _sentences(doc, segment.start, segment.end, taken, learnt=True):
        if not any(a < item[1] and item[0] < b for a, b, *_ in found):
            found.append(item)
    return sorted(found)


def _chapters(doc: NormalisedDocument, segment: Segment) -> list[tuple[int, int]]:
    """Spans of the findings chapters with their sub-sections (a sub-section's heading
    is skipped: the sentences are read from the lines under it)."""
    sections = find_sections(doc, segment.start, segment.end)
    spans = []
    for index, section in enumerate(sections):
        if not CHAPTER.fullmatch(heading_key(section.title)):
            continue
        spans.append((section.body_start, _chapter_end(section, sections[index + 1 :], segment)))
    return spans


def _chapter_end(section: Section, following: list[Section], segment: Segment) -> int:
    prefix = section.number + "." if section.number else None
    for other in following:
        if prefix and other.number.startswith(prefix):
            continue  # "4.2" under "4."
        if prefix or other.level == UNKNOWN or other.level <= section.level:
            return other.start
    return min(section.end if not prefix else segment.end, segment.end)


def _sentences(doc, start: int, end: int, taken, learnt: bool = False) -> list[tuple]:
    found = []
    for s_start, s_end in sentences(doc.text, start, end):
        s_start, s_end = snap(doc.text, _past_headings(doc.text, s_start, s_end), s_end)
        if s_end <= s_start or any(a < s_end and s_start < b for a, b in taken):
            continue
        text = flat(doc.text[s_start:s_end]).strip()
        kind = _kind(text, learnt)
        if re.search(r"https?:|www\.", text):
            continue  # a footnote with its link
        if kind and WORDS[0] <= len(text.split()) <= WORDS[1] and not text.endswith("?"):
            found.append((s_start, s_end, text, kind, 0.5))
    return found


HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?\S+(?:\s+\S+){0,5}$")


def _past_headings(text: str, start: int, end: int) -> int:
    """The start of a sentence past the headings run into it: a short paragraph of its own
    at a line start before the sentence ("4.2 Innovatie-infrastructuur")."""
    piece = re.match(r"\s*([^\n]+)\n\s*\n", text[start:end])
    if not piece:
        return start
    head, after = piece.group(1).strip(), start + piece.end()
    at_line_start = start == 0 or text[: start + piece.start(1)].rstrip(" \t").endswith("\n")
    capital = re.sub(r"^[\d.]+\s*", "", head)[:1].isupper()
    heading = HEADING.match(head) and capital and not head.endswith((",", ";", "."))
    if at_line_start and text[after:end].strip() and heading:
        return _past_headings(text, after, end)
    return start


def _kind(text: str, learnt: bool) -> str | None:
    folded = fold(text)
    if learnt:
        return "success_factor" if LEARNT.search(folded) else None
    if SHORTCOMING.search(folded):
        return "pitfall"
    if IMPERATIVE.match(folded) or ADVICE.search(folded) or LEARNT.search(folded):
        return "success_factor"
    return None
