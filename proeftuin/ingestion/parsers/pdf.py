"""PDF with a text layer, read with pypdfium2 (PDFium, Apache-2.0/BSD).

Why pypdfium2 and not pdfminer.six (PyMuPDF is AGPL and not an option): raw text extraction
(pypdfium2 ``get_text_bounded``, pdfminer ``extract_pages`` with default ``LAParams``, in
process) measured on PDFs made with LibreOffice from the four corpus files (114 pages) and on
a justified, hyphenated two-column document (15 pages), on the 2-core machine:

==========================  ==========  ============  =========================
                            pypdfium2   pdfminer.six  pdftotext (process/file)
==========================  ==========  ============  =========================
corpus, pages per second    380-640     9-17          ~600
two-column, pages/second    ~150        ~3            ~170
two-column reading order    columns     columns       columns
line-end hyphens            marked      plain "-"     joined
paragraph breaks            no          yes (boxes)   no
==========================  ==========  ============  =========================

pdfminer.six is 35-50 times slower: a 300-page report would take half a minute, which rules
it out for "parse and normalise within 2x of pdftotext". Its one advantage, paragraph breaks
from layout analysis, is recovered here cheaply: PDFium gives the position of each line's first
character, and a vertical gap clearly larger than the page's usual line pitch becomes a blank
line (this costs about 15% of the parse time). PDFium marks hyphens it sees at line ends
(U+0002 / U+FFFE, "vernieu\\x02wende"); they are written back as "-" plus a line break, so
that ``normalise`` decides with one rule for all formats whether the hyphen was a line-end
split ("luid-ruchtig") or a real one ("Noord-Holland"). Both libraries give the two columns in
the order of the content stream, which is the reading order for what word processors produce;
a PDF whose stream order differs from its reading order would come out in stream order.
``bench/parse.py`` measures this parser plus ``normalise`` against pdftotext.

Layout hints for the structure of the document (``metadata``), read with PDFium's raw text
API at the first letter of every line (``FPDFText_GetFontSize``, ``FPDFText_GetFontWeight``;
one call each per line, which costs about 5% of the parse time):

- ``styles``: per page, per line of the page text (blank lines included) ``(size, bold)`` or
  ``None`` for a blank line; ``size`` is in points, ``bold`` a weight of 600 or more (or a font
  name with "Bold" when PDFium knows no weight).
- ``body_size``: the font size of most of the text (weighted by characters), so that
  ``normalise`` can tell headings (clearly larger, or bold at body size) from running text.
- ``slides``: True when most pages are landscape and hold little text (a slide deck):
  ``normalise`` then takes each slide's title as a heading.

Bad input: a password (PDFium error 4) becomes ``encrypted_pdf``, any other load failure
``corrupt_pdf``; too many pages are refused before any page is read; a document whose pages
hold (almost) no characters but images is ``scanned_pdf``, one without images ``no_text``.
Pages without text among pages with text (a scanned page in a report) are kept as empty
pages and listed in ``metadata["pages_without_text"]``, so the pipeline can say they were
skipped.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.parsers.base import PARSERS, check_chars, fail
from proeftuin.ingestion.types import ParsedDocument

HYPHEN_MARK = re.compile("[\x02\ufffe]")
PARAGRAPH_GAP = 1.3  # a gap this many times the usual line pitch separates paragraphs
MIN_CHARS_PER_PAGE = 5  # below this on average, the PDF has no usable text layer
BOLD_WEIGHT = 600
SLIDE_MAX_CHARS = 900  # a slide holds at most about this many characters (median over pages)
FIRST_LETTER = re.compile(r"\w")

Style = tuple[float, bool] | None


@PARSERS.register("pdf")
def parse_pdf(data: bytes, *, limits: Limits) -> ParsedDocument:
    pdf = _open(data)
    try:
        count = len(pdf)
        if count > limits.max_pages:
            raise fail("too_many_pages", pages=count, limit=limits.max_pages)
        pages, styles, landscape = _read_pages(pdf, limits)
        _check_text_layer(pdf, pages)
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    finally:
        pdf.close()
    metadata: dict = {"styles": styles, "body_size": _body_size(pages, styles)}
    empty = [number for number, text in enumerate(pages, 1) if not text.strip()]
    if empty:
        metadata["pages_without_text"] = empty
    if _slides(pages, landscape):
        metadata["slides"] = True
    return ParsedDocument("pdf", pages, title=title, metadata=metadata)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise fail("encrypted_pdf") from exc
        raise fail("corrupt_pdf") from exc


def _read_pages(
    pdf: pdfium.PdfDocument, limits: Limits
) -> tuple[list[str], list[list[Style]], int]:
    """Text, line styles per page, and how many pages are landscape."""
    pages: list[str] = []
    styles: list[list[Style]] = []
    landscape = 0
    chars = 0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            width, height = page.get_size()
            landscape += width > height
            text, page_styles = _page_text(page)
        finally:
            page.close()
        pages.append(text)
        styles.append(page_styles)
        chars += len(text)
        if chars > limits.max_chars:
            check_chars(pages, limits)
    return pages, styles, landscape


def _page_text(page: pdfium.PdfPage) -> tuple[str, list[Style]]:
    textpage = page.get_textpage()
    try:
        lines, starts = _lines(textpage.get_text_range())
        total = textpage.count_chars()
        baselines = _baselines(textpage, lines, starts, total)
        styles = _styles(textpage, lines, starts, total)
    finally:
        textpage.close()
    out, out_styles = _with_paragraph_gaps(lines, baselines, styles)
    return "\n".join(out), out_styles


def _styles(
    textpage: pdfium.PdfTextPage, lines: list[str], starts: list[int], total: int
) -> list[Style]:
    """(font size, bold) at the first letter of each line; None for blank lines."""
    styles: list[Style] = []
    for line, start in zip(lines, starts, strict=True):
        letter = FIRST_LETTER.search(line)
        index = start + (letter.start() if letter else 0)
        if not line.strip() or index >= total:
            styles.append(None)
            continue
        size = round(pdfium_c.FPDFText_GetFontSize(textpage.raw, index), 1)
        styles.append((size, _bold(textpage, index)))
    return styles


def _bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
    if weight > 0:
        return weight >= BOLD_WEIGHT
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, ctypes.byref(flags))
    return b"bold" in buffer.value.lower()


def _body_size(pages: list[str], styles: list[list[Style]]) -> float:
    """The font size of most characters (0.0 when unknown)."""
    weights: Counter[float] = Counter()
    for text, page_styles in zip(pages, styles, strict=True):
        for line, style in zip(text.split("\n"), page_styles, strict=False):
            if style is not None:
                weights[style[0]] += len(line)
    return weights.most_common(1)[0][0] if weights else 0.0


def _slides(pages: list[str], landscape: int) -> bool:
    """Mostly landscape pages with little text on each: a slide deck."""
    if not pages or landscape < 0.6 * len(pages):
        return False
    return median(len(text) for text in pages) <= SLIDE_MAX_CHARS


def _lines(text: str) -> tuple[list[str], list[int]]:
    """Visual lines and their first character's index. PDFium ends a line with CR LF, or
    with a generated hyphen (no line break), which is written back as "-"."""
    lines: list[str] = []
    starts: list[int] = []
    offset = 0
    for piece in text.split("\r\n"):
        piece = piece.replace("\r", " ").replace("\n", " ")  # same length: offsets stay
        parts = HYPHEN_MARK.split(piece) if "\x02" in piece or "\ufffe" in piece else [piece]
        for part in parts[:-1]:
            lines.append(part + "-")
            starts.append(offset)
            offset += len(part) + 1
        lines.append(parts[-1])
        starts.append(offset)
        offset += len(parts[-1]) + 2
    return lines, starts


def _baselines(
    textpage: pdfium.PdfTextPage, lines: list[str], starts: list[int], total: int
) -> list[float | None]:
    """The bottom of each line's first character (None for empty lines)."""
    return [
        textpage.get_charbox(start, loose=True)[1] if line.strip() and start < total else None
        for line, start in zip(lines, starts, strict=True)
    ]


def _with_paragraph_gaps(
    lines: list[str], baselines: list[float | None], styles: list[Style]
) -> tuple[list[str], list[Style]]:
    """The lines with a blank line before each clearly larger vertical gap (and the styles
    kept in step with them)."""
    steps = _steps(baselines)
    pitches = [step for _, step in steps if step > 0]
    if len(pitches) < 2:
        return lines, styles
    limit = PARAGRAPH_GAP * (median(pitches) if len(pitches) >= 3 else min(pitches))
    gaps = {index for index, step in steps if step > limit}
    out: list[str] = []
    out_styles: list[Style] = []
    for index, line in enumerate(lines):
        if index in gaps:
            out.append("")
            out_styles.append(None)
        out.append(line)
        out_styles.append(styles[index])
    return out, out_styles


def _steps(baselines: list[float | None]) -> list[tuple[int, float]]:
    """(line index, downward distance from the previous non-empty line)."""
    steps: list[tuple[int, float]] = []
    previous: float | None = None
    for index, y in enumerate(baselines):
        if y is None:
            continue
        if previous is not None:
            steps.append((index, previous - y))
        previous = y
    return steps


def _check_text_layer(pdf: pdfium.PdfDocument, pages: list[str]) -> None:
    visible = sum(len("".join(text.split())) for text in pages)
    if visible >= MIN_CHARS_PER_PAGE * max(len(pages), 1):
        return
    if _has_images(pdf):
        raise fail("scanned_pdf")
    raise fail("no_text")


def _has_images(pdf: pdfium.PdfDocument) -> bool:
    for index in range(min(len(pdf), 20)):
        page = pdf[index]
        try:
            if any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])):
                return True
        finally:
            page.close()
    return False
