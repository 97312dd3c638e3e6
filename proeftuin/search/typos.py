"""Tolerance for small typos in organisation and case names.

The vocabulary is the words of organisation names and of public case titles only, so a
correction can never reveal a word of a case the user may not see. It is rebuilt once per
generation of those two content domains (``DEPENDS_ON``) in each process.
"""

from __future__ import annotations

import threading

from proeftuin.cases.service import Case
from proeftuin.core.service import content_generation
from proeftuin.organisations.service import Organisation

from .analysis import fold, similar_terms, tokenize

MIN_WORD = 4
DEPENDS_ON = ("organisations", "cases")  # organisation names, public case titles
_lock = threading.Lock()
_cache: dict[str, object] = {}


def _vocabulary() -> tuple[frozenset[str], dict[int, list[str]]]:
    generation = content_generation(*DEPENDS_ON)
    with _lock:
        if _cache.get("generation") != generation:
            words: set[str] = set()
            names = Organisation.objects.values_list("name", flat=True)
            titles = Case.objects.published_public().values_list("title", flat=True)
            for text in [*names.iterator(), *titles.iterator()]:
                words.update(t.term for t in tokenize(text) if len(t.term) >= MIN_WORD)
            by_length: dict[int, list[str]] = {}
            for word in sorted(words):
                by_length.setdefault(len(word), []).append(word)
            _cache.update(generation=generation, words=frozenset(words), by_length=by_length)
        return _cache["words"], _cache["by_length"]


def corrections(query: str) -> dict[str, str]:
    """Query words that are no name word but one or two edits from one: word → correction."""
    words, by_length = _vocabulary()
    fixes = {}
    for token in tokenize(query):
        word = token.term
        if len(word) < MIN_WORD or word in words or token.kind == "part":
            continue
        distance = 1 if len(word) < 8 else 2
        nearby = [
            w
            for n in range(len(word) - distance, len(word) + distance + 1)
            for w in by_length.get(n, ())
        ]
        found = similar_terms(word, nearby, max_distance=distance)
        if found:
            fixes[fold(word)] = found[0]
    return fixes


def corrected(query: str, fixes: dict[str, str]) -> str:
    """``query`` with the corrected words replaced."""
    out, position = [], 0
    for token in tokenize(query):
        fix = fixes.get(token.term)
        if fix is None or token.kind == "part":
            continue
        out += [query[position : token.start], fix]
        position = token.end
    return "".join(out) + query[position:]
