"""Line-level layout for ``normalise``: font styles, tables of contents and slide titles.

``normalise`` reads the parser's page text as lines; this module adds what the layout says
about them, before lines are joined into blocks:

- **Styles** (PDF): every line's font size relative to the body text and whether it is bold
  (``metadata["styles"]``, ``metadata["body_size"]`` from the PDF parser). A line clearly
  larger than the body (``LARGE``) or a short bold title-like line at body size is set as a
  heading (``heading_style``); bold counts only when the document does not set much of its
  running text in bold. Heading levels follow the sizes that recur on several pages
  (``size_levels``): the largest is level 1, the next level 2, bold body text the last.
- **Table of contents** (``mark_toc``): a run of entries "1.2 Titel ....... 5" or
  "Bijlage 1 Titel 16" (a title followed by a page number, after dot leaders or a space),
  with page numbers that do not go back, after an "Inhoud"/"Inhoudsopgave"/"Contents"
  heading (2 entries suffice), or without one when there are at least 3 entries with dot
  leaders or at least 5 numbered entries. An entry wrapped over two lines is one entry. Such
  lines become blocks of kind ``"toc"``: never a heading, never a case.
- **Slides** (``mark_slide_titles``): on each slide the first line set in the largest size of
  that slide (or, when all text has one size, a short first line) is the slide's title.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

LARGE = 1.15  # a line this much larger than the body text is a heading
BOLD_SHARE = 0.3  # above this share of bold body lines, bold says nothing
TOC_HEADING = re.compile(
    r"^(?:inhoud(?:sopgave|stafel)?|inhoud\s+(?:pagina|blz\.?)|contents|table of contents)"
    r"\s*:?$",
    re.IGNORECASE,
)
TOC_ENTRY = re.compile(
    r"^(?P<label>\S.*?\w[)’'”\"]?)\s*(?P<leader>(?:\.\s?){2,}|…+|_{3,}|\s)\s*(?P<page>\d{1,3})$"
)
DOT_LEADER = re.compile(r"(?:\.\s?){3,}|…+|_{3,}")
ENTRY_LABEL = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s?\S|(?:bijlage|hoofdstuk|appendix|annex|deel|deel)\b)",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?]$")
MARKER = re.compile(r"^#{1,6}\s+")  # a parser's heading marker (DOCX, ODT, HTML)


def relative_styles(metadata: dict, pages: list[list[str]]) -> list[list[tuple[float, bool]]]:
    """Per page, per line: (size relative to the body text, bold); (0.0, False) when unknown."""
    styles = metadata.get("styles")
    body = float(metadata.get("body_size") or 0)
    unknown = [[(0.0, False)] * len(page) for page in pages]
    if not styles or body <= 0 or len(styles) != len(pages):
        return unknown
    out = []
    for page, page_styles, blank in zip(pages, styles, unknown, strict=True):
        if len(page_styles) != len(page):
            out.append(blank)
            continue
        out.append([(s[0] / body, bool(s[1])) if s else (0.0, False) for s in page_styles])
    return out


def bold_is_signal(lines) -> bool:
    """Bold marks headings only when little of the body-size text is bold."""
    body = [line for line in lines if 0.9 <= line.size <= 1.1]
    if not body:
        return False
    return sum(line.bold for line in body) <= BOLD_SHARE * len(body)


def title_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 12 or len(text) > 100 or text[-1] in ".,;:":
        return False
    return text[0].isupper() or text[0].isdigit()


def heading_style(line, bold_signal: bool) -> bool:
    """Set like a heading: clearly larger than the body, or bold, short and title-like."""
    if line.size >= LARGE:
        return len(line.text) <= 200
    return bold_signal and line.bold and line.size >= 0.95 and title_like(line.text)


def size_levels(sizes_by_page: dict[float, set[int]]) -> list[float]:
    """The heading sizes that recur (on two pages or more), largest first."""
    recurring = [size for size, pages in sizes_by_page.items() if len(pages) >= 2]
    return sorted(recurring, reverse=True)


def level_for(size: float, bold: bool, recurring: list[float]) -> int:
    """1 for the largest recurring heading size (or larger), then down; bold body text last."""
    if size < LARGE:
        return min(1 + sum(1 for r in recurring if r >= LARGE), 6)
    return min(1 + sum(1 for r in recurring if r > size + 0.02), 6)


def collect_sizes(lines, bold_signal: bool) -> dict[float, set[int]]:
    found: dict[float, set[int]] = defaultdict(set)
    for line in lines:
        if line.size >= LARGE and heading_style(line, bold_signal):
            found[round(line.size, 2)].add(line.page)
    return found


# -- tables of contents ------------------------------------------------------------------------


def mark_toc(lines) -> None:
    """Set ``toc`` on the lines of every table of contents (see the module docstring)."""
    index = 0
    while index < len(lines):
        end = _toc_run(lines, index)
        if end > index:
            for line in lines[index:end]:
                line.toc = True
            index = end
        else:
            index += 1


def _entry(text: str):
    match = TOC_ENTRY.match(text)
    if not match or not any(ch.isalpha() for ch in match.group("label")):
        return None
    if SENTENCE_END.search(match.group("label")) and not DOT_LEADER.search(text):
        return None
    return match


def _toc_run(lines, index: int) -> int:
    """End (exclusive) of a table of contents starting at ``index``, else ``index``."""
    heading = bool(TOC_HEADING.match(MARKER.sub("", lines[index].text.strip())))
    first = index + 1 if heading else index
    entries, end = _entries(lines, first)
    if not entries:
        return index
    pages = [int(m.group("page")) for m in entries]
    steps = list(pairwise(pages))
    if steps and sum(b >= a for a, b in steps) < 0.8 * len(steps):
        return index
    dotted = sum(bool(DOT_LEADER.search(m.group(0))) for m in entries)
    labelled = sum(bool(ENTRY_LABEL.match(m.group("label"))) for m in entries)
    if (
        (heading and len(entries) >= 2)
        or dotted >= 3
        or (len(entries) >= 5 and labelled >= 0.6 * len(entries))
    ):
        return end
    return index


def _entries(lines, first: int) -> tuple[list, int]:
    """The entries from ``first`` on (a line without a page number may wrap into the next
    entry), and the end of the run."""
    entries, index, wrapped = [], first, 0
    while index < len(lines):
        match = _entry(lines[index].text.strip())
        if match:
            entries.append(match)
            wrapped = 0
        elif (
            wrapped
            or len(lines[index].text) > 120
            or index + 1 >= len(lines)
            or not _entry(lines[index + 1].text.strip())
        ):
            break
        else:
            wrapped = 1
        index += 1
    if wrapped:
        index -= 1
    return entries, index


def wraps(text: str) -> bool:
    """A table-of-contents line without a page number: the first part of a wrapped entry."""
    text = MARKER.sub("", text.strip())
    return not TOC_ENTRY.match(text) and not TOC_HEADING.match(text)


# -- slides ------------------------------------------------------------------------------------


def mark_slide_titles(lines) -> None:
    """Set ``slide_title`` on the title lines of each slide (one page = one slide)."""
    by_page: dict[int, list] = defaultdict(list)
    for line in lines:
        by_page[line.page].append(line)
    for page_lines in by_page.values():
        top = max(line.size for line in page_lines)
        if top > 0 and any(line.size < top - 0.05 for line in page_lines):
            start = next(i for i, line in enumerate(page_lines) if line.size >= top - 0.05)
            for line in page_lines[start : start + 3]:
                if line.size < top - 0.05:
                    break
                line.slide_title = True
        elif len(page_lines[0].text.split()) <= 12 and not SENTENCE_END.search(page_lines[0].text):
            page_lines[0].slide_title = True
