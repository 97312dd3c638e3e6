"""Step "lessons": list items under outcome and lesson headings.

Under "Wat is gelukt, wat niet" (and variants) each item is "worked" or "did_not_work";
under "Belangrijke lessen", "Belangrijkste conclusies en lessen", "Succesfactoren" and the
like each item is a "success_factor" or a "pitfall". The kind comes from cue words
(``lexicon.DID_NOT_WORK``, ``lexicon.PITFALL``); an introduction like "De volgende zaken
zijn essentieel:" makes the items success factors unless an item clearly warns.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction import lexicon
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import Line, flat, fold, lines_between, numbered
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "lessons"
LEAD = re.compile(r"^(?:[-–*•●¶▪]\s*)+")
PITFALL_INTRO = ("valkuil", "knelpunt", "fouten", "niet goed", "wat misging")


@step(NAME, "1")
def lessons(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Worked / did not work / success factor / pitfall items."""
    from proeftuin.ingestion.segment import marker_at

    lines = lines_between(doc, segment.start, segment.end)
    results = []
    for index in range(len(lines)):
        family = marker_at(lines, index)
        if family is None:
            continue
        intro, items = list_items(lines, index + 1)
        for first, last in items:
            text = LEAD.sub("", flat(doc.text[lines[first].start : lines[last].end]))
            kind = classify(text, family, intro)
            value = {"kind": kind, "text": text}
            confidence = 0.8 if kind in ("worked", "success_factor") else 0.7
            results.append(
                extracted(NAME, value, lines[first].start, lines[last].end, confidence, NAME)
            )
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
    folded = fold(text)
    if family == "worked":
        return "did_not_work" if _has(folded, lexicon.DID_NOT_WORK) else "worked"
    if _has(folded, lexicon.PITFALL) or _has(fold(intro), PITFALL_INTRO):
        return "pitfall"
    return "success_factor"


def _has(text: str, cues: tuple[str, ...]) -> bool:
    return any(cue in text for cue in cues)
