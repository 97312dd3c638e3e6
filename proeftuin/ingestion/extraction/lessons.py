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
from proeftuin.ingestion.extraction.lesson_advice import advice_sentences
from proeftuin.ingestion.extraction.lesson_tables import table_lessons
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.sections import UNKNOWN, Section, find_sections
from proeftuin.ingestion.extraction.text import (
    Line,
    flat,
    fold,
    heading_key,
    lines_between,
    numbered,
    sentences,
    snap,
)
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "lessons"
LEAD = re.compile(r"^(?:[-–*•●¶▪]\s*)+")
PITFALL_INTRO = ("valkuil", "knelpunt", "fouten", "niet goed", "wat misging")
FAMILIES = [(re.compile(pattern), kind) for pattern, kind in lexicon.LESSON_SECTIONS]
FAMILY = re.compile("|".join(f"(?:{pattern})" for pattern, _ in lexicon.LESSON_SECTIONS))
WEAK = re.compile(r"(samenvattende |algemene )?conclusies?\b|(tot )?slot|positief|negatief")
NEGATIVE = (
    "knelpunt", "aandachtspunt", "probleem", "hoge kosten", "kostbaar", "licentiekosten",
    "is complex", "bleek complex", "zijn complex", "te complex", "complexer", "complex en",
    "kwetsbaar", "te zwaar", "zwakke schakel", "niet gedekt", "te lang", "vergen", "onwillig",
    "geen van", "halffabricat", "gebaat bij", "onduidelijk",
    "niet duidelijk", "ontbreekt", "onvoldoende", "grote impact", "nog niet", "helaas",
    "niet gelukt", "mislukt", "niet gebruikt", "niet gezien", "gemist", "lastig", "moeilijk",
    "niet alle", "niet iedereen", "niet voor iedereen", "niet altijd", "maar niet", "verwarrend",
    "niet opgemerkt", "niet gevonden", "niet begrepen", "begrepen niet", "weg kwijt", "traag",
    "moet gewijzigd", "moet worden gewijzigd", "moet aangepast", "moet worden aangepast",
    "moet anders", "moet verduidelijkt", "spreekt niet aan", "niet aan", "te weinig", "te veel",
)  # fmt: skip
# A finding about how testers or users fared: a negative one "did not work" (test feedback).
FEEDBACK = (
    "tester", "testperso", "proefperso", "deelnemer", "respondent", "gewaardeerd",
    "door iedereen",
)  # fmt: skip
POSITIVE = (
    "duidelijk", "gewaardeerd", "gebruiksvriendelijk", "goed", "positief", "handig", "fijn",
    "prettig", "tevreden", "herkenbaar", "toegankelijk", "overzichtelijk", "succesvol",
    "gelukt", "werkt", "makkelijk", "gemakkelijk", "eenvoudig", "logisch",
)  # fmt: skip
DENIED = re.compile(  # "niet duidelijk", "geen goed beeld": a positive word denied
    r"\b(?:niet|geen|nauwelijks|onvoldoende)\s+(?:\w+\s+){0,2}?(?:" + "|".join(POSITIVE) + ")"
)
INLINE_LABEL = re.compile(r"(?:^|(?<=\s))(?P<label>Positief|Negatief|Pluspunten|Minpunten):\s*")
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
    for start, end, text, family in table_lessons(doc, segment, FAMILIES):
        if not _lesson_like(text, listed=True) or text.endswith(":"):
            continue
        kind = "lessons" if family == "success_factor" else family
        value = {"kind": classify(text, kind), "text": text}
        results.append(extracted(NAME, value, start, end, 0.8, NAME))
    taken = [(e.start, e.end) for e in results]
    found = [
        (section, family, strength, section_items(doc, section, segment, family))
        for section, family, strength in lesson_sections(doc, segment)
    ]
    has_list = any(
        family == "findings" and sum(item[3] for item in items) >= 3
        for _, family, _, items in found
    )
    for _, family, strength, items in found:
        if has_list and family == "findings" and not any(item[3] for item in items):
            continue  # prose that repeats the document's list of conclusions
        for start, end, text, listed, kind in items:
            if any(a < end and start < b for a, b in taken):
                continue
            raw = 0.45 + 0.2 * strength + (0.15 if listed else 0.0)
            value = {"kind": classify(text, kind), "text": text}
            results.append(extracted(NAME, value, start, end, raw, NAME))
            taken.append((start, end))
    results += _labelled_lines(doc, segment, taken)
    taken += [(e.start, e.end) for e in results]
    for start, end, text, kind, raw in advice_sentences(doc, segment, taken):
        results.append(extracted(NAME, {"kind": kind, "text": text}, start, end, raw, NAME))
    return sorted(results, key=lambda e: e.start)


def _labelled_lines(doc: NormalisedDocument, segment: Segment, taken: list) -> list[Extracted]:
    """Lines outside every lesson section that carry their own labels ("Positief: ...
    Negatief: ..." under a sub-heading such as "Begrippen"): each labelled part is a lesson
    of its label's kind, and an item that opens the line before the first label is one too
    (its kind from its cues)."""
    results = []
    for line in lines_between(doc, segment.start, segment.end):
        labels = list(INLINE_LABEL.finditer(doc.text, line.start, line.end))
        if not labels or (labels[0].start() != line.start and len(labels) < 2):
            continue
        if any(a < line.end and line.start < b for a, b in taken):
            continue
        for start, end, label in _labelled(doc.text, line.start, line.end):
            start, end = snap(doc.text, start, _leading_sentences(doc.text, start, end))
            text = LEAD.sub("", flat(doc.text[start:end]))
            if not _lesson_like(text, listed=True) or text.endswith(":"):
                continue
            kind = classify(text, LABELS[fold(label)] if label else "feedback")
            value = {"kind": kind, "text": text}
            results.append(extracted(NAME, value, start, end, 0.6 if label else 0.45, NAME))
    return results


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
    """(start, end, text, is list item, family) of the lessons under a heading.

    The section's text up to its first numbered sub-section or sub-section of the lesson
    family (read on its own); the headings of other unnumbered sub-sections ("Algemeen",
    a question) are skipped. An enumeration "1) ... 2) ..." over the whole body gives one
    item per number (an item may run over a page break); otherwise each list item and each
    paragraph is one.
    A label "Positief:" / "Negatief:" inside or at the end of an item switches the family."""
    lines, heads = _section_lines(doc, section, segment)
    if not lines:
        return []
    spans = _enumerated(doc.text, lines[0].start, lines[-1].end, [ln.start for ln in lines])
    if spans:
        groups = [(s, e, True) for s, e in spans]
    else:
        groups = [(g[0].start, g[-1].end, listed) for g, listed in _groups(lines)]
    items = []
    for start, end, listed in groups:
        for part_start, part_end, label in _labelled(doc.text, start, end):
            if label:
                family, listed = LABELS[fold(label)], True
            part_start = _after_question(doc.text, part_start, part_end)
            part_end = _leading_sentences(doc.text, part_start, part_end)
            part_start, part_end = snap(doc.text, part_start, part_end)
            text = LEAD.sub("", flat(doc.text[part_start:part_end]))
            if any(a <= part_start < b for a, b in heads):
                continue
            if _lesson_like(text, listed) and not text.endswith(":"):
                items.append((part_start, part_end, text, listed, family))
    return items


def _leading_sentences(text: str, start: int, end: int, words: int = 45) -> int:
    """The end of a long paragraph's opening sentences (about ``words`` words, at least one
    sentence): a lesson is its point, not the whole passage."""
    if len(text[start:end].split()) <= 60:
        return end
    stop = end
    for _, sentence_end in sentences(text, start, end):
        stop = sentence_end
        if len(text[start:stop].split()) >= words:
            break
    return stop


def _after_question(text: str, start: int, end: int) -> int:
    """Past a question that opens an item ("In hoeverre is X? X is ...": the answer)."""
    match = re.match(r"[^.!?]{3,200}\?\s+(?=[A-Z])", text[start:end])
    return start + match.end() if match and end - start - match.end() > 20 else start


def _section_lines(doc: NormalisedDocument, section: Section, segment: Segment):
    """The lines of a section (see ``section_items``) and the spans of skipped headings."""
    stop, heads = min(section.end, segment.end), []
    for other in find_sections(doc, section.body_start, stop, glued=FAMILY):
        if other.start <= section.start:
            continue
        question = other.title.endswith("?")
        own = FAMILY.match(heading_key(other.title)) or (other.number and not question)
        # a short unnumbered question is the next slide's or chapter's title ("Hoe verder?"),
        # not a research question under the lessons
        lettered = re.match(r"(?:[a-z]|\d{1,2})[.)]?\s", other.title)
        own = own or (
            question and not other.number and not lettered and len(other.title.split()) <= 5
        )
        if own or (other.level != UNKNOWN and other.level <= section.level):
            stop = other.start  # a numbered sub-section, one read on its own, or no sub-section
            break
        heads.append((other.start, other.body_start))  # "Algemeen", a question: skipped
    lines = [
        ln
        for ln in _body_lines(doc, section.body_start, stop)
        if not any(a <= ln.start and ln.end <= b for a, b in heads)
    ]
    return lines, heads


def _labelled(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``text[start:end]`` cut at labels "Positief:" / "Negatief:" (with a label at its very
    end switching what follows): (start, end, label or "") per part."""
    parts, cursor, label = [], start, ""
    for match in INLINE_LABEL.finditer(text, start, end):
        if match.start() > cursor:
            parts.append((cursor, match.start(), label))
        cursor, label = match.end(), match.group("label")
    parts.append((cursor, end, label))
    trailing = LABEL_AT_END.search(text[parts[-1][0] : end])
    if trailing:
        first, _, own = parts[-1]
        cut = first + trailing.start()
        parts[-1] = (first, cut, own)
        parts.append((end, end, trailing.group("label")))
    return [(a, b, lab) for a, b, lab in parts if b > a or lab]


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
    spans = [(m.end(), e) for m, e in zip(kept, ends, strict=True)]
    questions = sum(bool(re.match(r"[^\n]{3,200}\?\s*\n", text[a:b])) for a, b in spans)
    return [] if questions * 2 > len(spans) else spans  # numbered questions, each answered


LEAD_IN = re.compile(r"\b(?:de|het) volgende \w+\.?$|\b(?:hieronder|hierna)\b.{0,60}\.$", re.I)
RUNNING_LINE = re.compile(r"^[^|]{2,80}(?:\s\|\s[^|]{1,80}){2,}$")  # "Gemeente X | Rapport | 2"


def _lesson_like(text: str, listed: bool = False) -> bool:
    words = text.split()
    if not (2 if listed else 4) <= len(words) <= 150 or (text.endswith("?") and not listed):
        return False
    if LEAD_IN.search(text) or RUNNING_LINE.match(text):
        return False  # "... komen wij tot de volgende conclusies.", a page's running footer
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


# A lesson told as an experience of the pilot, not as advice: a past or present statement
# that something worked better ("was doorslaggevend", "werkte beter", "wordt beter gelezen").
EXPERIENCE = re.compile(
    r"^(?!.*\b(?:moet|moeten|zorg|maak|begin|houd|laat|betrek|spreek|leg|neem)\b)"
    r".*\b(?:was|waren|werd|werden|wordt|werkte|werkten|bleek|bleken)\b[^.;:]{0,40}?"
    r"\b(?:doorslaggevend|beter|goed|succesvol|effectiever|essentieel)\b"
)


def classify(text: str, family: str, intro: str = "") -> str:
    """The lesson kind of an item under a heading of ``family`` ("worked",
    "did_not_work", "pitfall", "findings" (conclusions: a positive point worked, a problem a
    pitfall, a problem testers or users had did not work), "feedback" (an unlabelled item
    among labelled test feedback) or "lessons")."""
    folded = fold(text)
    if family == "did_not_work":
        return "did_not_work"
    if family in ("findings", "feedback"):
        if not _negative(text):
            return "worked"
        return "did_not_work" if family == "feedback" or _has(folded, FEEDBACK) else "pitfall"
    if family == "worked":
        return "did_not_work" if _has(folded, lexicon.DID_NOT_WORK) else "worked"
    if family == "pitfall" or _has(folded, lexicon.PITFALL) or _has(fold(intro), PITFALL_INTRO):
        return "pitfall"
    if family == "lessons" and EXPERIENCE.search(folded):
        return "worked"  # a lesson told as what happened: "X was doorslaggevend voor Y"
    return "success_factor"


def _negative(text: str) -> bool:
    """Does a finding name a problem? Its point decides: the opening sentence when it judges
    ("Het zoekpad is duidelijk maar ..." is positive whatever follows), else the whole."""
    point = fold(re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0])
    if _has(point, NEGATIVE) or _has(point, lexicon.PITFALL) or DENIED.search(point):
        return True
    if _has(point, POSITIVE):
        return False
    whole = fold(text)
    return _has(whole, NEGATIVE) or _has(whole, lexicon.PITFALL)


def _has(text: str, cues: tuple[str, ...]) -> bool:
    return any(cue in text for cue in cues)
