"""Passages for the search evaluation: the paragraphs of the corpus files, reproducibly.

``load_passages()`` splits every ``*.txt`` in the corpus (``../shared/corpus`` or
``$PROEFTUIN_CORPUS``) into paragraphs and gives each an id ``"<file-stem>#<n>"`` (``n`` counts
the kept paragraphs of that file from 0, in reading order).

Why not ``proeftuin.ingestion.normalise``? It works on this corpus (and gives slightly cleaner
blocks), but it is developed in parallel and every change to it would renumber its blocks and
silently invalidate the relevance judgements in ``eval/search/queries.yaml``. The ids here
depend only on the corpus text and on this file, so they are stable. If you change the splitting
rules below, rerun ``eval/search.py`` — its sanity check fails for judgements whose id vanished,
but a shifted id that still exists is NOT detected, so re-judge by reading.

Splitting rules (deterministic, plain text in, no external state):

1. Lines are right-stripped. A line of only spaces, or two or more empty lines in a row, is a
   *hard* break; one empty line is a *soft* break (some pages of the corpus put an empty line
   between every line of a paragraph).
2. Page-number and map-label lines ("12", "P.34", "- 7 -") are dropped.
3. A line starting with a bullet glyph (●, •, ▪, ¶, "-") starts a new paragraph.
4. Across no break a line continues the paragraph, except after a one-line, short, unpunctuated
   line followed by a capital (a heading such as "Veerkracht").
5. Across a soft break a line continues the paragraph only when the previous line did not end
   a sentence (so on pages with an empty line after every line, a paragraph may be cut where a
   sentence happened to end at the margin; passages stay readable, just shorter).
6. Joining: "luid-" + "ruchtig" -> "luidruchtig" (lower-case continuation), "Noord-" +
   "Holland" -> "Noord-Holland"; inside a line "luid- ruchtig" -> "luidruchtig" except before
   "en"/"of"/"tot" ("wet- en regelgeving"). Whitespace is collapsed; bullet glyphs are removed.
7. Paragraphs of fewer than ``MIN_WORDS`` words are dropped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PROEFTUIN_CORPUS", ROOT.parent / "shared" / "corpus"))
MIN_WORDS = 12

BULLET = re.compile(r"^\s*(?:[•●▪■◦‣¶\uf0b7\uf0a7]|-\s)\s*")
PAGE_LINE = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:P\.\s*|pagina\s+)?\d{1,3}\s*\*?(?:\s*[-–—])?\s*$", re.IGNORECASE
)
SENTENCE_END = re.compile(r"[.!?:;][’”\"')\]]*\d{0,2}\s*$")
INLINE_HYPHEN = re.compile(r"(\w)- (?!(?:en|of|tot|and|or)\b)([a-zà-ÿ])")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    text: str
    file: str


def _join(left: str, right: str) -> str:
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].isalpha():
        return left[:-1] + right if right[:1].islower() else left + right
    return f"{left} {right}"


def _is_heading(line: str, next_line: str) -> bool:
    return (
        len(line.split()) <= 6
        and not SENTENCE_END.search(line)
        and not line.endswith((",", "-"))
        and next_line[:1].isupper()
    )


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of one corpus file, cleaned, before the length filter."""
    raw = [line.rstrip() if line.strip() else line for line in text.splitlines()]
    paragraphs: list[list[str]] = []
    gap = "hard"
    empties = 0
    for line in raw:
        if not line.strip():
            if line:  # only spaces
                gap = "hard"
            else:
                empties += 1
                gap = "hard" if empties >= 2 or gap == "hard" else "soft"
            continue
        empties = 0
        if PAGE_LINE.match(line):
            continue
        line = line.strip()
        bullet = BULLET.match(line)
        if bullet:
            line = line[bullet.end() :].strip()
        current = paragraphs[-1] if paragraphs else None
        new = current is None or gap == "hard" or bool(bullet)
        if not new and current is not None:
            prev = current[-1]
            if gap == "soft":
                new = bool(SENTENCE_END.search(prev)) or (
                    len(current) == 1 and _is_heading(prev, line)
                )
            else:
                new = len(current) == 1 and _is_heading(prev, line)
        if new:
            paragraphs.append([line])
        else:
            current[-1] = _join(current[-1], line)
        gap = ""
    out = []
    for parts in paragraphs:
        joined = SPACES.sub(" ", " ".join(parts)).strip()
        joined = INLINE_HYPHEN.sub(r"\1\2", joined)
        joined = re.sub(r"[•●▪¶]", " ", joined)
        out.append(SPACES.sub(" ", joined).strip())
    return out


def load_passages(corpus: Path | None = None) -> list[Passage]:
    """All passages of all corpus files, files in name order, ids ``<stem>#<n>``."""
    corpus = corpus or CORPUS
    passages: list[Passage] = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        kept = [p for p in split_paragraphs(text) if len(p.split()) >= MIN_WORDS]
        passages.extend(
            Passage(id=f"{path.stem}#{n}", text=p, file=path.name) for n, p in enumerate(kept)
        )
    return passages


if __name__ == "__main__":  # dump passages for judging: python eval/search_passages.py [stem]
    import sys

    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    for passage in load_passages():
        if wanted in passage.id:
            print(f"[{passage.id}] {passage.text}\n")
