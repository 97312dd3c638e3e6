"""Sections of a case: its headings and the text under each, read from the line view.

Steps that look for a section by its heading ("Samenvatting", "Conclusies en
aanbevelingen", "Leerpunten", ...) use :func:`find_sections`. A heading is a heading block
of the normaliser, a numbered line ("12.1 Conclusies", "12.Conclusie"), or a short line of
its own; a table of contents (runs of lines ending in a page number) is never a heading.
A section runs to the next heading of the same or a higher level; a heading of unknown
level (a short line, a heading block without a level) ends at the next heading of any kind.

When the structure reader exposes the document's sections (``doc.sections``: objects with
``title``, ``level``, ``start``, ``end``, ``body_start``), they are used instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proeftuin.ingestion.extraction.text import Line, heading_key, lines_between
from proeftuin.ingestion.types import NormalisedDocument

UNKNOWN = 9
NUMBER = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)(?:\.\s*|\s+)(?=[A-ZÀ-Þ]|[a-z]{1,3}[A-Z])")
PAGE_REF = re.compile(r"(?:\s|\.{2,}|…)\d{1,3}$")
LEADERS = re.compile(r"\.{4,}|…{2,}")


@dataclass(frozen=True)
class Section:
    title: str  # the heading text without its number
    number: str  # "12.1", or "" when unnumbered
    level: int  # 1 = chapter; UNKNOWN when the layout does not say
    start: int  # offset of the heading
    body_start: int  # first offset after the heading
    end: int  # end of the section (the next heading of the same or higher level)


def find_sections(
    doc: NormalisedDocument, start: int, end: int, glued: re.Pattern | None = None
) -> list[Section]:
    """All sections whose heading lies in ``[start, end)``, in document order.

    ``glued``: a pattern (on the folded heading key) of headings that may run straight
    into their paragraph ("7.4 Conclusie ebMS2 zal ..."); such a heading ends where the
    pattern's match ends."""
    given = getattr(doc, "sections", None)
    if given:
        return [_from_structure(s, end) for s in given if start <= s.start < end]
    lines = lines_between(doc, start, end)
    toc = _toc_lines(lines)
    heads: list[tuple[str, str, int, int, int]] = []
    for index, line in enumerate(lines):
        if index in toc:
            continue
        found = _heading(line, lines, index, glued, doc.text[line.start : line.end])
        if found:
            heads.append(found)
    sections = []
    for position, (title, number, level, h_start, h_end) in enumerate(heads):
        stop = end
        for _, _, other, o_start, _ in heads[position + 1 :]:
            if level == UNKNOWN or (other != UNKNOWN and other <= level):
                stop = o_start
                break
        sections.append(Section(title, number, level, h_start, h_end, stop))
    return sections


def _from_structure(section, end: int) -> Section:
    body = getattr(section, "body_start", section.start)
    return Section(
        section.title,
        getattr(section, "number", ""),
        getattr(section, "level", UNKNOWN) or UNKNOWN,
        section.start,
        body,
        min(section.end, end),
    )


def _heading(line: Line, lines: list[Line], index: int, glued, raw: str) -> tuple | None:
    return _plain(line, lines, index) or _glued(line, glued, raw)


def _plain(line: Line, lines: list[Line], index: int) -> tuple | None:
    text = line.text
    match = NUMBER.match(text)
    number = match.group("num") if match else ""
    rest = text[match.end() :] if match else text
    level = number.count(".") + 1 if number else (line.level or UNKNOWN)
    if text.endswith("?"):
        level = UNKNOWN  # a question heads a paragraph, not a chapter
    if not _short(rest) or line.bullet or (PAGE_REF.search(text) and number):
        return None
    if line.kind == "heading" and line.first:
        return rest.strip(" :"), number, level, line.start, line.end
    standalone = line.first and (index + 1 >= len(lines) or lines[index + 1].block != line.block)
    if number and standalone and not text.endswith((".", "?", ";", ",")):
        return rest.strip(" :"), number, level, line.start, line.end
    if standalone and _label(text):
        return rest.strip(" :"), "", UNKNOWN, line.start, line.end
    return None


def _glued(line: Line, glued, raw: str) -> tuple | None:
    """A heading that runs straight into its paragraph, like "7.4 Conclusie ebMS2 zal"."""
    if glued is None or not line.first or line.bullet:
        return None
    text = line.text
    match = NUMBER.match(text)
    number = match.group("num") if match else ""
    rest = text[match.end() :] if match else text
    hit = glued.match(heading_key(rest))
    if not hit or not (number or line.kind == "heading"):
        return None
    words = _cut(rest, hit.end())
    if words is None:
        return None
    title = " ".join(rest.split()[:words]).strip(" :")
    skipped = len(text.split()) - len(rest.split())
    level = number.count(".") + 1 if number else (line.level or UNKNOWN)
    return title, number, level, line.start, line.start + _word_end(raw, skipped + words)


def _short(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 10 and len(text) <= 90


def _label(text: str) -> bool:
    """A short line of its own that reads as a heading: capitalised, no sentence end."""
    words = text.split()
    if not words or len(words) > 8 or not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.endswith(":"):
        return len(words) <= 3
    return not text.endswith((".", ",", ";", "?", "!"))


def _cut(rest: str, folded_end: int) -> int | None:
    """The number of words of ``rest`` that the folded match covered (None when none)."""
    words = len(heading_key(rest)[:folded_end].split())
    return words if 0 < words <= len(rest.split()) else None


def _word_end(raw: str, words: int) -> int:
    """Offset in ``raw`` just after its ``words``-th word."""
    found = list(re.finditer(r"\S+", raw))
    return found[min(words, len(found)) - 1].end() if found and words > 0 else len(raw)


def _toc_entry(text: str) -> bool:
    return bool(PAGE_REF.search(text) and NUMBER.match(text)) or bool(LEADERS.search(text))


def _toc_lines(lines: list[Line]) -> set[int]:
    """Indexes of lines in a table of contents: runs of 3+ lines ending in a page number
    (or with dot leaders), and a heading "Inhoud(sopgave)" just before such a run."""
    marks = [_toc_entry(ln.text) for ln in lines]
    toc: set[int] = set()
    index = 0
    while index < len(lines):
        if not marks[index]:
            index += 1
            continue
        run_end = index
        while run_end + 1 < len(lines) and marks[run_end + 1]:
            run_end += 1
        if run_end - index >= 2 or LEADERS.search(lines[index].text):
            toc.update(range(index, run_end + 1))
            if index and heading_key(lines[index - 1].text).startswith(("inhoud", "contents")):
                toc.add(index - 1)
        index = run_end + 1
    return toc
