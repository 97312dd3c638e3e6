"""Whether a query is written in English: the library is Dutch, so the words of an English
question that happen to occur in it ("capital", "best") say nothing, and the page can say
that the library is in Dutch.

Each word is compared on wordfreq's Zipf scale (the word lists ship inside the wheel): a word
at least ``LEAN`` more frequent in English than in Dutch leans English, and the other way
round (an English word must be known: at least ``KNOWN``). A query is English when at least
half of its words lean English and more lean English than Dutch ("how do I bake bread" is;
"smart city data" and "blockchain" are not).
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

from .analysis import tokenize

LEAN = 1.0
KNOWN = 2.5  # a word less frequent than this in English is no English word ("asdfgh", "zork")


@lru_cache(maxsize=4096)
def _leaning(word: str) -> int:
    """1: leans English, -1: leans Dutch, 0: neither."""
    english, dutch = zipf_frequency(word, "en"), zipf_frequency(word, "nl")
    if english - dutch >= LEAN and english >= KNOWN:
        return 1
    return -1 if dutch - english >= LEAN else 0


def looks_english(text: str) -> bool:
    words = [t.term for t in tokenize(text[:1000]) if t.kind != "part" and not t.term.isdigit()]
    if not words:
        return False
    leanings = [_leaning(word) for word in words]
    english, dutch = leanings.count(1), leanings.count(-1)
    return english > dutch and 2 * english >= len(words)
