"""Lessons in a table whose column headings are of the lesson family.

Evaluations often put "Wat ging goed" beside "Wat kan beter" (or "Succesfactoren" beside
"Valkuilen") as the columns of a table. A table reaches the steps as lines of cells
separated by "|" (a Markdown table keeps its separator row "|---|---|"; its rows may be
joined on one line), or, from a Word document, as one short line per cell (the headings
one after the other, then the cells row by row). Each non-empty body cell is one lesson,
of the family of its column.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.text import heading_key, lines_between
from proeftuin.ingestion.types import NormalisedDocument, Segment

SEPARATOR = re.compile(r"^:?-{3,}:?$")


def table_lessons(
    doc: NormalisedDocument, segment: Segment, families: list[tuple[re.Pattern, str]]
) -> list[tuple[int, int, str, str]]:
    """(start, end, text, family) of every body cell under a lesson-family column."""
    return _piped(doc, segment, families) or _flattened(doc, segment, families)


def _flattened(
    doc: NormalisedDocument, segment: Segment, families: list[tuple[re.Pattern, str]]
) -> list[tuple[int, int, str, str]]:
    """A table whose cells reach the steps as one short line each (a Word table): two or
    more lesson headings in a row, then the cells row by row."""
    lines = lines_between(doc, segment.start, segment.end)
    for index in range(len(lines)):
        header = []
        for cell in lines[index : index + 4]:
            family = _family(cell.text, families)
            if family is None or len(cell.text.split()) > 6 or re.match(r"\d", cell.text):
                break  # a numbered heading ("5.1 Conclusies") is a section, not a column
            header.append(family)
        if len(header) < 2:
            continue
        found = []
        for position, cell in enumerate(lines[index + len(header) :]):
            if cell.kind == "heading" or _family(cell.text, families) or len(found) >= 40:
                break
            if len(cell.text.split()) >= 2:
                family = header[position % len(header)]
                found.append((cell.start, cell.end, cell.text, family))
        return found
    return []


def _family(text: str, families: list[tuple[re.Pattern, str]]) -> str | None:
    key = heading_key(text)
    return next((kind for pattern, kind in families if pattern.match(key)), None)


def _piped(
    doc: NormalisedDocument, segment: Segment, families: list[tuple[re.Pattern, str]]
) -> list[tuple[int, int, str, str]]:
    found = []
    lines = [ln for ln in lines_between(doc, segment.start, segment.end) if "|" in ln.text]
    for index, line in enumerate(lines):
        cells = _cells(line.text)
        header = _header(cells, families)
        if not header:
            continue
        body = cells[len(header) :]
        while body and SEPARATOR.match(body[0]):
            body = body[1:]
        previous = line.end
        for next_line in lines[index + 1 :]:  # rows on lines of their own, one after another
            if next_line.start - previous > 3 or _header(_cells(next_line.text), families):
                break
            body += [c for c in _cells(next_line.text) if not SEPARATOR.match(c)]
            previous = next_line.end
        cursor = line.start
        for position, cell in enumerate(body):
            at = doc.text.find(cell, cursor, segment.end)
            if at < 0 or len(cell.split()) < 2:
                continue
            cursor = at + len(cell)
            found.append((at, at + len(cell), cell, header[position % len(header)]))
        break  # one table per segment is read from its header line
    return found


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|") if cell.strip()]


def _header(cells: list[str], families: list[tuple[re.Pattern, str]]) -> list[str]:
    """The families of the leading cells when at least two in a row are lesson headings."""
    header = []
    for cell in cells[:4]:
        family = next(
            (kind for pattern, kind in families if pattern.match(heading_key(cell))), None
        )
        if family is None:
            break
        header.append(family)
    return header if len(header) >= 2 else []
