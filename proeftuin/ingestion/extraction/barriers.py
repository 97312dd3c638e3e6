"""Step "barriers": sentences naming an obstacle, with a category.

A sentence is a barrier when it holds a cue (belemmering, knelpunt, obstakel, weerstand,
"in de weg", "gebrek aan", lastig, versnippering, ...), no negation of it ("niets dat ... in
de weg stond"), is not about solving it ("het oplossen van dit knelpunt") and is no
question. The raw confidence is higher for a cue that names an obstacle outright
("knelpunt", "belemmering", "gebrek aan") and for a clear category. The category is the
lexicon group with most hits: legal, financial, technical, cultural or institutional (the
default: the reports find most barriers institutional). A leading list number is dropped.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.lexicon import (
    BARRIER_CATEGORIES,
    BARRIER_CUES,
    BARRIER_SECTIONS,
    BARRIER_STRONG,
)
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.sections import find_sections
from proeftuin.ingestion.extraction.text import flat, fold, heading_key, sentences, snap
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "barriers"
NEGATION = re.compile(r"\b(niets|geen enkele?|nauwelijks)\b")
ENUMERATION = re.compile(r"\s*(?:\d{1,2}|[a-h])[.)]\s+")
SOLVING = re.compile(r"\b(oplossen|oplossing|opgelost|wegnemen|weggenomen|verhelpen)\b")
ORDER = ("institutional", "cultural", "legal", "financial", "technical")
SECTION = re.compile(BARRIER_SECTIONS)
# Cue words in phrases that name no obstacle of the work: a threshold that is low or was
# lowered ("laagdrempelig", "dat maakt de drempel lager") and a group that is hard to reach
# ("werkzoekenden die UWV moeilijk bereikt", "moeilijk bereikbare groepen").
NO_OBSTACLE = re.compile(
    r"\blaagdrempelig\w*|\bdrempel\w*\b(?:\s+\w+){0,3}?\s+(?:lager|verlaagd|weg)\b"
    r"|\bverlaag\w*\s+(?:\w+\s+)?drempel\w*|\bmoeilijk\s+(?:te\s+)?bereik\w*"
)


@step(NAME, "2")
def barriers(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Obstacles named in the case."""
    results = []
    spans = [
        span
        for block in doc.blocks
        if segment.start <= block.start < segment.end and block.kind != "heading"
        for span in sentences(doc.text, block.start, min(block.end, segment.end))
    ]
    in_section = _section_openings(doc, segment)
    for start, end in spans:
        listed = start in in_section
        lead = ENUMERATION.match(doc.text, start, end)
        start = lead.end() if lead else start
        text = flat(doc.text[start:end])
        folded = fold(text)
        cued = NO_OBSTACLE.sub(" ", folded)
        if len(text) > 400 or not (listed or any(cue in cued for cue in BARRIER_CUES)):
            continue
        if not listed and not re.search(r"[.!;:]$|\w{3,}\s+\w{3,}\s+\w{3,}", text):
            continue  # a heading-like fragment ("4.2 Knelpunten")
        if NEGATION.search(folded) or SOLVING.search(folded) or text.endswith("?"):
            continue  # no barrier, its solution, or a question
        category, hits = categorise(folded)
        value = {"category": category, "text": text}
        strong = any(cue in folded for cue in BARRIER_STRONG)
        raw = 0.3 + (0.25 if strong or listed else 0.0) + 0.1 * min(hits, 2)
        results.append(extracted(NAME, value, *snap(doc.text, start, end), raw, NAME))
    return results


def _section_openings(doc: NormalisedDocument, segment: Segment) -> set[int]:
    """Offsets of the first sentence of each paragraph or item under a heading of
    obstacles ("Knelpunten", "Belemmeringen", "Waar liepen we tegenaan")."""
    openings: set[int] = set()
    for section in find_sections(doc, segment.start, segment.end):
        if not SECTION.match(heading_key(section.title)):
            continue
        for block in doc.blocks:
            if section.body_start <= block.start < section.end and block.kind != "heading":
                first = sentences(doc.text, block.start, min(block.end, section.end))[:1]
                openings.update(start for start, _ in first)
    return openings


def categorise(folded: str) -> tuple[str, int]:
    """(category, number of keyword hits) for a folded sentence."""
    scores = {
        category: sum(len(re.findall(rf"\b{re.escape(word)}", folded)) for word in words)
        for category, words in BARRIER_CATEGORIES.items()
    }
    best = max(ORDER, key=lambda c: (scores[c], -ORDER.index(c)))
    return (best, scores[best]) if scores[best] else ("institutional", 0)
