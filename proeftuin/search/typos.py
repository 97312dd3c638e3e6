"""Tolerance for small typos in names (of organisations, of cases).

The vocabulary is the public words each searchable kind offers (``vocabulary``: the case
library gives organisation names and public case titles), so a correction can never reveal
a word of an object the user may not see. It is rebuilt once per generation of the content
domains those words come from (the kinds' ``domains``) in each process.
"""

from __future__ import annotations

import threading

from proeftuin.core.service import content_generation, searchables

from .analysis import fold, similar_terms, tokenize

MIN_WORD = 4
_lock = threading.Lock()
_cache: dict[str, object] = {}


def depends_on() -> tuple[str, ...]:
    """The content domains the vocabulary is built from (those its kinds declare)."""
    kinds = [kind for kind in searchables if kind.vocabulary]
    return tuple(dict.fromkeys(d for kind in kinds for d in kind.domains))


def _vocabulary() -> tuple[frozenset[str], dict[int, list[str]]]:
    kinds = [kind for kind in searchables if kind.vocabulary]
    domains = depends_on()
    generation = content_generation(*domains) if domains else ""
    with _lock:
        if _cache.get("generation") != generation:
            words: set[str] = set()
            texts = [t for kind in kinds for t in kind.vocabulary()]
            for text in texts:
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
