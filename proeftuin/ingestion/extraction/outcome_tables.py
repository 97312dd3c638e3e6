"""Outcomes in a results table: one row per measure, a column before and a column after.

Annual reports and evaluations put their results in a table "Maatstaf | Voor (2020) | Na
(2023)" (or "Nulmeting | Eindmeting", "2020 | 2023", "Oud | Nieuw"). The normaliser writes
a table as pipe rows ("| cell | cell |"), one line per row or all rows on one line (a row
boundary then reads "| |"). When the last two header cells say before and after (words of
the family, or two years in order), each row whose last two cells are figures is an
outcome: the row label is the measure, the after figure the value, the before figure the
baseline, the direction from comparing the two, the period the after column's year. The
unit comes from the cells ("%", "€") or the label's bracket ("(%)", "(MWh per jaar)": a
unit of measure, "(per maand)": a count).

Text taken from a PDF loses the pipes: the header is a short line ending in the two
headings ("Maatstaf Voor (2020) Na (2023)") and the rows run together in the paragraph
under it ("Energieverbruik (MWh per jaar) 4.120 3.310 Storingen (per maand) 14 9 Tabel
4.1 ..."): each label followed by two figures is a row, what trails is the caption.

Such a table states results outright, so its rows score high; the lines it was read from
are handed back so the sentence reader does not read the cells again as loose figures.
"""

from __future__ import annotations

import re
from itertools import pairwise

from proeftuin.ingestion.extraction.text import fold
from proeftuin.ingestion.types import NormalisedDocument, Segment

BEFORE = re.compile(r"\b(?:voor|vóór|nulmeting|begin\w*|start\w*|oud|oude|was|baseline|before)\b")
AFTER = re.compile(r"\b(?:na|nu|eindmeting|eind\w*|nieuw|nieuwe|is|after|resultaat)\b")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
FIGURE = re.compile(
    r"^(?P<sign>[-+−]?)\s*(?:€\s*)?(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"\s*(?P<unit>%|procent|euro)?$",
    re.I,
)
# Units of measure in a row label's bracket ("(MWh per jaar)", "(mg/l)", "(ton)").
MEASURE_UNITS = re.compile(
    r"^(?:mwh|kwh|gwh|mg/l|g/l|ton|kg|km|ha|hectare|m3|m2|liter|co2|kilo\w*|gram)\b"
)
TIME_UNITS = {"uur": "hours", "uren": "hours", "dagen": "days", "werkdagen": "days",
              "weken": "weeks", "maanden": "months", "jaren": "years"}  # fmt: skip
RAW = 0.85


def table_outcomes(
    doc: NormalisedDocument, segment: Segment
) -> tuple[list[tuple[dict, int, int, float]], list[tuple[int, int]]]:
    """(fact, start, end, raw) per row of a before/after table in the segment, and the
    spans of the table lines read."""
    facts, spans = [], []
    for lines in _blocks(doc.text, segment.start, segment.end):
        rows = _rows(doc.text, lines)
        if len(rows) < 2 or len(rows[0]) < 3:
            continue
        columns = _before_after(rows[0])
        if columns is None:
            continue
        found = [fact for row in rows[1:] if (fact := _row_fact(row, rows[0], columns))]
        if found:
            facts.extend(found)
            spans.extend(lines)
    for header, body in _flat_tables(doc.text, segment.start, segment.end):
        found = [fact for row in body if (fact := _row_fact(row, row, header))]
        if len(found) >= 2:
            facts.extend(found)
            spans.append((body[0][0][1], body[-1][-1][2]))
    return facts, spans


FLAT_HEADER = re.compile(
    r"^[^\n]{0,60}?(?P<before>\b(?:voor|vóór|nulmeting|begin\w*|start\w*|oud|baseline"
    r"|before)\b[^\n]{0,20}?|\b(?:19|20)\d{2})\s+(?P<after>\b(?:na|nu|eindmeting|eind\w*"
    r"|nieuw|after)\b[^\n]{0,20}|\b(?:19|20)\d{2})$",
    re.I,
)


def _flat_tables(text: str, start: int, end: int) -> list[tuple[tuple[str, str], list]]:
    """(before and after headings, rows) of each table whose pipes the text lost: a
    header line and the paragraph of rows under it (see the module docstring)."""
    paragraphs = list(re.finditer(r"[^\n]+(?:\n[^\n]+)*", text[start:end]))
    tables = []
    for head, body in pairwise(paragraphs):
        match = FLAT_HEADER.match(head.group(0).strip())
        if not match or len(head.group(0).split()) > 10:
            continue
        columns = (match.group("before").strip(), match.group("after").strip())
        if _before_after([("", 0, 0), (columns[0], 0, 0), (columns[1], 0, 0)]) is None:
            continue
        rows = _flat_rows(text, start + body.start(), start + body.end())
        if len(rows) >= 2:
            tables.append((columns, rows))
    return tables


def _flat_rows(text: str, start: int, end: int) -> list[list[tuple[str, int, int]]]:
    """Rows "label figure figure" read from a paragraph; the trailing caption is left."""
    tokens = [
        (m.group(0), start + m.start(), start + m.end())
        for m in re.finditer(r"\S+", text[start:end])
    ]
    rows, label, index = [], [], 0
    while index < len(tokens):
        pair = tokens[index : index + 2]
        if label and len(pair) == 2 and all(FIGURE.match(t[0]) for t in pair):
            cell = (" ".join(t[0] for t in label), label[0][1], label[-1][2])
            rows.append([cell, *pair])
            label, index = [], index + 2
            continue
        label.append(tokens[index])
        index += 1
        if len(label) > 15:
            break  # prose, not a table
    return [row for row in rows if row[0][0][:1].isupper()] if len(rows) >= 2 else []


def _blocks(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Runs of consecutive pipe lines: [(line start, line end), ...] per run."""
    blocks, current = [], []
    for match in re.finditer(r"[^\n]*", text[start:end]):
        line = match.group(0)
        if not line:
            continue
        if line.lstrip().startswith("|") and line.count("|") >= 3:
            current.append((start + match.start(), start + match.end()))
        elif line.strip():
            if current:
                blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _cells(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The texts between the pipes of one line, with their offsets."""
    pipes = [m.start() for m in re.finditer(r"\|", text[start:end])]
    return [
        (text[start + a + 1 : start + b].strip(), start + a + 1, start + b)
        for a, b in pairwise(pipes)
    ]


def _rows(text: str, lines: list[tuple[int, int]]) -> list[list[tuple[str, int, int]]]:
    if len(lines) > 1:
        return [_cells(text, a, b) for a, b in lines]
    cells = _cells(text, *lines[0])
    width = next((i for i, (cell, _, _) in enumerate(cells) if not cell), len(cells))
    rows = []
    for first in range(0, len(cells), width + 1):  # "| a | b | | c | d |": "| |" ends a row
        row = cells[first : first + width]
        if len(row) < width:
            break
        rows.append(row)
        if first + width < len(cells) and cells[first + width][0]:
            break  # no row boundary: the layout is not what it seemed
    return rows


def _before_after(header: list[tuple[str, int, int]]) -> tuple[str, str] | None:
    """The before and after headings of the last two columns, or None."""
    before, after = fold(header[-2][0]), fold(header[-1][0])
    years = [YEAR.search(before), YEAR.search(after)]
    if BEFORE.search(before) and AFTER.search(after):
        return header[-2][0], header[-1][0]
    if all(years) and int(years[0].group(0)) < int(years[1].group(0)):
        return header[-2][0], header[-1][0]
    return None


def _row_fact(row, header, columns: tuple[str, str]) -> tuple[dict, int, int, float] | None:
    if len(row) != len(header) or len(row) < 3:
        return None
    label = row[0][0]
    before, after = FIGURE.match(row[-2][0]), FIGURE.match(row[-1][0])
    if not (label and before and after) or not re.search(r"[A-Za-z]{3}", label):
        return None
    old, new = _number(before), _number(after)
    year = YEAR.search(columns[1])
    fact = {
        "measure": " ".join(label.split()),
        "value": new,
        "unit": _unit(label, before, after),
        "direction": "decrease" if new < old else "increase" if new > old else "neutral",
        "kind": "volume",
        "period": year.group(0) if year else "",
        "baseline": f"{row[-2][0]} ({columns[0]})",
    }
    return fact, row[0][1], row[-1][2], RAW


def _number(match: re.Match) -> float | int:
    value = float(match.group("num").replace(".", "").replace(",", "."))
    value = -value if match.group("sign") in ("-", "−") else value
    return int(value) if value.is_integer() else value


def _unit(label: str, before: re.Match, after: re.Match) -> str:
    said = fold(after.group("unit") or before.group("unit") or "")
    if said in ("%", "procent"):
        return "percent"
    if said == "euro" or "€" in after.group(0):
        return "eur"
    folded = fold(label)
    bracket = re.search(r"\(([^)]*)\)", folded)
    inside = bracket.group(1).strip() if bracket else ""
    if "%" in inside or "procent" in inside or folded.startswith(("percentage", "aandeel")):
        return "percent"
    if "euro" in inside or "€" in inside:
        return "eur"
    if inside.split()[:1] and inside.split()[0] in TIME_UNITS:
        return TIME_UNITS[inside.split()[0]]
    return "other" if MEASURE_UNITS.match(inside) else "count"
