"""A line view of a normalised document and small text helpers.

Segmentation and extraction steps read the document as lines with offsets, whatever the
normaliser made of the blocks: a block may hold one line or many, a heading may sit at the
start of a paragraph, and bullets may be marked by the block kind or by a glyph anywhere on
the item's first line (PDF text often puts the glyph after the first line of the item).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proeftuin.ingestion.structure.textforms import compact, fold  # noqa: F401 (re-exported)
from proeftuin.ingestion.types import Block, NormalisedDocument

LEAD_BULLET = re.compile(r"^(?:[●•¶▪◦‣∙·■►➢✓]|[-–*](?=\s))\s*")
GLYPH = re.compile(r"\s*[●•]\s*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9À-Þ])")
ABBREVIATIONS = ("ca.", "o.a.", "bijv.", "m.b.t.", "t.o.v.", "nr.", "d.w.z.", "e.d.", "m.n.")
NUMBERED = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2})+|\d{1,2}\.)\s+(?P<title>\S.*)$"
    r"|^(?P<title2>.*?\D)\s?(?P<num2>\d{1,2}(?:\.\d{1,2})+)(?:\s+\d{1,3})?\s*$"
)


@dataclass(frozen=True)
class Line:
    text: str  # cleaned: bullet glyphs removed, whitespace collapsed
    start: int  # offsets of the stripped raw line in doc.text
    end: int
    block: int
    kind: str
    level: int
    first: bool  # first line of its block
    bullet: bool  # starts a list item


_CACHE: dict[int, tuple[str, int, list[Line]]] = {}


def doc_lines(doc: NormalisedDocument) -> list[Line]:
    """All non-empty lines of the document in order (cached per document)."""
    cached = _CACHE.get(id(doc))
    if cached and cached[0] is doc.text and cached[1] == len(doc.blocks):
        return cached[2]
    blocks = doc.blocks or [Block("paragraph", doc.text, 0, len(doc.text), 1)]
    lines: list[Line] = []
    for index, block in enumerate(blocks):
        offset = block.start
        for number, raw in enumerate(doc.text[block.start : block.end].split("\n")):
            line = _make_line(raw, offset, index, block, number == 0)
            if line is not None:
                lines.append(line)
            offset += len(raw) + 1
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(doc)] = (doc.text, len(doc.blocks), lines)
    return lines


def _make_line(raw: str, offset: int, index: int, block: Block, first: bool) -> Line | None:
    stripped = raw.strip()
    if not stripped:
        return None
    start = offset + len(raw) - len(raw.lstrip())
    lead = LEAD_BULLET.match(stripped)
    bullet = bool(lead) or "•" in stripped or (block.kind == "bullet" and first)
    text = stripped[lead.end() :] if lead else stripped
    text = " ".join(GLYPH.sub(" ", text).split())
    if not text:
        return None
    return Line(text, start, start + len(stripped), index, block.kind, block.level, first, bullet)


def lines_between(doc: NormalisedDocument, start: int, end: int) -> list[Line]:
    return [line for line in doc_lines(doc) if start <= line.start < end]


def heading_key(text: str) -> str:
    """A heading's comparable form: folded, without numbering and trailing punctuation."""
    text = fold(text)
    text = re.sub(r"^\d+(\.\d+)*\.?\s+|\s*\d+(\.\d+)+(\s+\d+)?$", "", text)
    return text.strip(" :?!.-–")


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def heading_like(line: Line) -> bool:
    """Short, unpunctuated, capitalised: could be a heading (weak on its own). A table of
    contents entry never is."""
    if line.kind == "heading" and line.first:
        return True
    if line.kind == "toc":
        return False
    text = line.text
    if line.bullet or not 1 <= len(text.split()) <= 10 or text[-1] in ".,;:–-":
        return False
    return text[0].isupper() or text[0].isdigit()


def numbered(line: Line) -> tuple[str, str] | None:
    """(number, title) when the line is a numbered heading like "14.4 Title" or "Title14.4"."""
    match = NUMBERED.match(line.text)
    if not match or len(line.text.split()) > 14:
        return None
    num = match.group("num") or match.group("num2")
    title = (match.group("title") or match.group("title2") or "").strip()
    title = re.sub(r"(?<=[^\W\d_])\d{1,3}$", "", title)  # a footnote mark: "klap13"
    if not title or title[-1] in ".;," or not (title[0].isupper() or title[0].isdigit()):
        return None
    return num.rstrip("."), title


def depth(number: str) -> int:
    return number.count(".") + 1


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) inside ``text[start:end]``."""
    spans, cursor = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        before = text[max(cursor, match.start() - 6) : match.start()].lower()
        if before.endswith(ABBREVIATIONS):
            continue
        spans.append((cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def flat(text: str) -> str:
    """Text on one line, with hyphenated line breaks joined."""
    text = re.sub(r"(?<=[a-zà-ÿ])-\s*\n\s*(?=[a-zà-ÿ])", "", text)
    return " ".join(GLYPH.sub(" ", text).split())


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved to word boundaries: a span never starts or ends inside a
    word (it grows to take the whole word), and surrounding whitespace is left out."""
    start, end = max(start, 0), min(end, len(text))
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` neither starts nor ends inside a word."""
    inside_left = 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum()
    inside_right = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (inside_left or inside_right)


def prose(line: Line) -> bool:
    """A line of running text: not a heading, list item or table row; a few words long."""
    if line.bullet or line.kind == "heading":
        return False
    words = line.text.split()
    if len(words) < 6:
        return False
    digits = sum(c.isdigit() for c in line.text)
    return digits <= 0.15 * len(line.text)
