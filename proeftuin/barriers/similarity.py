"""Text similarity that works in Dutch: the search app's Dutch analysis (stemming, stopwords,
compound parts) turned into term counts, compared by cosine. Used to suggest register
entries for barriers recorded on cases and initiatives, and duplicates of a barrier."""

from __future__ import annotations

import math
from collections import Counter

from proeftuin.search.service import analyze

SUGGEST_AT = 0.2  # a suggested link needs at least this similarity
DUPLICATE_AT = 0.3  # a suggested duplicate
TOP = 3


def terms(text: str) -> Counter:
    return Counter(analyze(text or ""))


def cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    common = set(a) & set(b)
    dot = sum(a[t] * b[t] for t in common)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def barrier_terms(barrier) -> Counter:
    """A barrier's title counts twice: it names the barrier."""
    return terms(f"{barrier.title} {barrier.title} {barrier.description} {barrier.rule}")


def ranked(text: str, barriers, *, at: float, top: int = TOP) -> list[tuple[float, object]]:
    """The ``top`` of ``barriers`` most similar to ``text``, with their score, best first."""
    wanted = terms(text)
    scored = [(cosine(wanted, barrier_terms(b)), b) for b in barriers]
    scored = [(round(s, 3), b) for s, b in scored if s >= at]
    scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return scored[:top]
