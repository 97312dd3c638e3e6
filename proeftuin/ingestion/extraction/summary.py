"""Step "summary": a few sentences of the case's own text that say what it is about.

Extractive, no language model. First choice is the document's own summary or introduction
inside the case ("Samenvatting", "Managementsamenvatting", "Inleiding", "Aanleiding", ...,
see ``lexicon.SUMMARY_SECTIONS``): its first sentences of running text. Otherwise the
sentences that best cover the case: every sentence of running text (no headings, list
items, table rows or lines of numbers) is scored by its similarity to the case as a whole
(a centroid of word weights), earlier sentences a little higher, and the best run of
consecutive sentences is taken. A case without running text at all (a slide deck) gets its
opening lines. Either way the suggestion cites one contiguous passage.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from proeftuin.ingestion.extraction.lexicon import STOPWORDS, SUMMARY_SECTIONS
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.sections import find_sections
from proeftuin.ingestion.extraction.text import (
    Line,
    flat,
    fold,
    heading_key,
    lines_between,
    numbered,
    prose,
    sentences,
    snap,
)
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "summary"
FAMILIES = [(re.compile(pattern), weight) for pattern, weight in SUMMARY_SECTIONS]
TARGET, MAX_CHARS, MAX_SENTENCES, OWN_MAX = 350, 700, 4, 2000
WORD = re.compile(r"[a-z][a-z'-]{2,}")


@step(NAME, "1")
def summary(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """A summary of the case: its own summary or introduction, else its central sentences."""
    own = _own_summary(doc, segment)
    if own:
        start, end, raw, text = own
        return [extracted(NAME, text, start, end, raw, NAME)]
    found = _central(doc, segment) or _opening(doc, segment)
    if found is None:
        return []
    start, end, raw = found
    start, end = snap(doc.text, start, end)
    text = flat(doc.text[start:end])
    return [extracted(NAME, text, start, end, raw, NAME)] if text else []


def _own_summary(doc: NormalisedDocument, segment: Segment) -> tuple | None:
    """(start, end, raw, text) of the case's own summary or introduction: the text of the
    first such section (its running text and list items, not its sub-headings), up to
    about OWN_MAX characters."""
    candidates = []
    for section in find_sections(doc, segment.start, segment.end):
        key = heading_key(section.title)
        weight = next((w for pattern, w in FAMILIES if pattern.match(key)), 0.0)
        if weight and len(key.split()) <= 5:
            candidates.append((-weight, section.start, section))
    for negative, _, section in sorted(candidates, key=lambda c: (c[0], c[1])):
        lines = [ln for ln in lines_between(doc, section.body_start, section.end) if _content(ln)]
        kept = []
        for line in lines:
            kept.append(line)
            if line.end - kept[0].start >= OWN_MAX:
                break
        if not kept or sum(len(ln.text) for ln in kept) < 60:
            continue
        start, end = snap(doc.text, kept[0].start, kept[-1].end)
        return start, end, -negative, _joined(kept)
    return None


def _content(line: Line) -> bool:
    """A line of the text itself: running text or a list item, not a heading."""
    if line.kind == "heading" and line.first:
        return False
    if numbered(line) or (not line.bullet and len(line.text.split()) < 4 and line.first):
        return False
    return bool(re.search(r"[a-zà-ÿ]{3}", line.text))


def _joined(lines: list[Line]) -> str:
    parts = []
    for line in lines:
        text = line.text
        if line.bullet and text[-1] not in ".;:!?":
            text += ";"
        parts.append(text)
    return flat(" ".join(parts)).rstrip(";") + ("" if parts[-1][-1] in ".!?" else ".")


def _enough(chosen: list[tuple[int, int]]) -> bool:
    length = chosen[-1][1] - chosen[0][0]
    return length >= TARGET or len(chosen) >= MAX_SENTENCES or length > MAX_CHARS


def _good_sentence(text: str) -> bool:
    words = text.split()
    if not 6 <= len(words) <= 70 or text.rstrip().endswith((":", "?")):
        return False
    if re.search(r"https?://|www\.|@\w", text) or ":" in text[:40] or text.count(",") > 5:
        return False
    return sum(c.isdigit() for c in text) <= 0.1 * len(text)


def _central(doc: NormalisedDocument, segment: Segment) -> tuple[int, int, float] | None:
    units = _units(doc, lines_between(doc, segment.start, segment.end))
    span = _best_run(units, units)
    return (span[0], span[1], 0.4) if span else None


def _opening(doc: NormalisedDocument, segment: Segment) -> tuple[int, int, float] | None:
    """A case without running text (a slide deck): its opening lines, title slide and
    list items included, up to about TARGET characters."""
    kept: list[Line] = []
    for line in lines_between(doc, segment.start, segment.end):
        if not re.search(r"[a-zà-ÿ]{3}", line.text) or numbered(line):
            continue
        kept.append(line)
        if line.end - kept[0].start >= TARGET:
            break
    if not kept or sum(len(ln.text) for ln in kept) < 40:
        return None
    return kept[0].start, kept[-1].end, 0.3


def _units(doc: NormalisedDocument, lines: list[Line]) -> list[tuple]:
    """(sequence number, start, end, word bag) of every good sentence of running text;
    consecutive sentences of running text have consecutive numbers."""
    units, sequence = [], 0
    for line in lines:
        sequence += 1  # a line that is not running text breaks a run
        if not prose(line):
            continue
        for start, end in sentences(doc.text, line.start, line.end):
            sequence += 1
            text = doc.text[start:end]
            if _good_sentence(text):
                units.append((sequence, start, end, _words(text)))
    return units


def _best_run(units: list[tuple], context: list[tuple]) -> tuple[int, int] | None:
    """The run of consecutive sentences most like ``context`` (a centroid
    of its word weights), earlier sentences a little preferred."""
    if not units or not context:
        return None
    weights = _idf([u[3] for u in context])
    centroid: Counter = Counter()
    for unit in context:
        for word, count in unit[3].items():
            centroid[word] += count * weights[word]
    scores = [
        _cosine(u[3], centroid, weights) * (1.3 - 0.3 * position / len(units))
        for position, u in enumerate(units)
    ]
    best = (-1.0, 0, 0)
    for first in range(len(units)):
        last = first
        while (
            last + 1 < len(units)
            and units[last + 1][0] == units[last][0] + 1
            and units[last + 1][2] - units[first][1] <= MAX_CHARS
            and units[last][2] - units[first][1] < TARGET
        ):
            last += 1
        mean = sum(scores[first : last + 1]) / (last - first + 1)
        if mean > best[0]:
            best = (mean, first, last)
    _, first, last = best
    return units[first][1], units[last][2]


def _words(text: str) -> Counter:
    return Counter(w for w in WORD.findall(fold(text)) if w not in STOPWORDS)


def _idf(bags: list[Counter]) -> dict[str, float]:
    df: Counter = Counter()
    for bag in bags:
        df.update(set(bag))
    total = len(bags)
    return {word: math.log((1 + total) / (1 + n)) + 1 for word, n in df.items()}


def _cosine(bag: Counter, centroid: Counter, weights: dict[str, float]) -> float:
    vector = {w: c * weights.get(w, 1.0) for w, c in bag.items()}
    dot = sum(v * centroid[w] for w, v in vector.items())
    norm = math.sqrt(sum(v * v for v in vector.values())) * math.sqrt(
        sum(v * v for v in centroid.values())
    )
    return dot / norm if norm else 0.0
