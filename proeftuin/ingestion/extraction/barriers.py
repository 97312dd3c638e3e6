"""Step "barriers": sentences naming an obstacle, with a category.

A sentence is a barrier when it holds a cue (belemmering, knelpunt, obstakel, weerstand,
"in de weg", lastig, versnippering, ...) and no negation of it ("niets dat ... in de weg
stond"). The category is the lexicon group with most hits: legal, financial, technical,
cultural or institutional (the default: the reports find most barriers institutional).
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.lexicon import BARRIER_CATEGORIES, BARRIER_CUES
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import flat, fold, sentences
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "barriers"
NEGATION = re.compile(r"\b(niets|geen enkele?|nauwelijks)\b")
ORDER = ("institutional", "cultural", "legal", "financial", "technical")


@step(NAME, "1")
def barriers(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Obstacles named in the case."""
    results = []
    spans = [
        span
        for block in doc.blocks
        if segment.start <= block.start < segment.end
        for span in sentences(doc.text, block.start, min(block.end, segment.end))
    ]
    for start, end in spans:
        text = flat(doc.text[start:end])
        folded = fold(text)
        if len(text) > 400 or not any(cue in folded for cue in BARRIER_CUES):
            continue
        if NEGATION.search(folded):
            continue
        category, hits = categorise(folded)
        value = {"category": category, "text": text}
        results.append(extracted(NAME, value, start, end, 0.4 + 0.1 * min(hits, 3), NAME))
    return results


def categorise(folded: str) -> tuple[str, int]:
    """(category, number of keyword hits) for a folded sentence."""
    scores = {
        category: sum(len(re.findall(rf"\b{re.escape(word)}", folded)) for word in words)
        for category, words in BARRIER_CATEGORIES.items()
    }
    best = max(ORDER, key=lambda c: (scores[c], -ORDER.index(c)))
    return (best, scores[best]) if scores[best] else ("institutional", 0)
