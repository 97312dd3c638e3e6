"""Snippets: the part of a passage around the words that matched, with them marked."""

from __future__ import annotations

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import analyze, tokenize

SNIPPET_CHARS = 260


def matches(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` whose analysed terms meet ``terms``."""
    if not terms:
        return []
    spans = []
    for token in tokenize(text):
        if token.kind == "part":
            continue
        if not terms.isdisjoint(_word_terms(text[token.start : token.end])):
            spans.append((token.start, token.end))
    return spans


@lru_cache(maxsize=65_536)
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(analyze(word))


def _window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    """The ``size``-character window holding the most matches, widened to whole words."""
    if len(text) <= size:
        return 0, len(text)
    best, best_start = -1, 0
    for start, _end in spans or [(0, 0)]:
        begin = max(0, start - size // 4)
        count = sum(1 for s, e in spans if s >= begin and e <= begin + size)
        if count > best:
            best, best_start = count, begin
    begin = best_start
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < begin + 30 else begin
    end = min(len(text), begin + size)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    return begin, end


def snippet(text: str, terms: set[str], size: int = SNIPPET_CHARS) -> tuple[SafeString, list[str]]:
    """An HTML-safe excerpt with ``<mark>`` around matched words, and those words."""
    spans = matches(text, terms)
    begin, end = _window(text, spans, size)
    out, position = [], begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        out += [escape(text[position:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        position = stop
    out.append(escape(text[position:end]))
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    words = list(dict.fromkeys(text[s:e].lower() for s, e in spans))
    return mark_safe(prefix + "".join(out) + suffix), words  # every piece escaped above
